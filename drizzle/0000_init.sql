CREATE TABLE `ahp_judgments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`level` text NOT NULL,
	`matrix` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ahp_judgments_unique` ON `ahp_judgments` (`assessment_id`,`user_id`,`level`);--> statement-breakpoint
CREATE TABLE `alternatives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`code` text NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alternatives_assessment_code_unique` ON `alternatives` (`assessment_id`,`code`);--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text NOT NULL,
	`region_en` text NOT NULL,
	`region_zh` text NOT NULL,
	`period` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`illustrative` integer DEFAULT false NOT NULL,
	`method_settings` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assessments_code_slug" CHECK("assessments"."code" <> '' and "assessments"."code" not glob '*[^a-z0-9-]*'),
	CONSTRAINT "assessments_status" CHECK("assessments"."status" in ('draft', 'open', 'closed', 'published'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_code_unique` ON `assessments` (`code`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `dimensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`code` text NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dimensions_assessment_code_unique` ON `dimensions` (`assessment_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `dimensions_id_assessment_unique` ON `dimensions` (`id`,`assessment_id`);--> statement-breakpoint
CREATE TABLE `indicator_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`alternative_id` integer NOT NULL,
	`value` real NOT NULL,
	`year` integer NOT NULL,
	`source` text NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`alternative_id`) REFERENCES `alternatives`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_values_unique` ON `indicator_values` (`indicator_id`,`alternative_id`,`year`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`dimension_id` integer NOT NULL,
	`code` text NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text NOT NULL,
	`direction` text NOT NULL,
	`source` text NOT NULL,
	`scale_min` real,
	`scale_max` real,
	`unit` text,
	`position` integer NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`dimension_id`,`assessment_id`) REFERENCES `dimensions`(`id`,`assessment_id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "indicators_direction" CHECK("indicators"."direction" in ('benefit', 'cost')),
	CONSTRAINT "indicators_source" CHECK("indicators"."source" in ('expert', 'statistic')),
	CONSTRAINT "indicators_scale_pair" CHECK(("indicators"."scale_min" is null) = ("indicators"."scale_max" is null)),
	CONSTRAINT "indicators_scale_order" CHECK("indicators"."scale_min" is null or "indicators"."scale_min" < "indicators"."scale_max"),
	CONSTRAINT "indicators_expert_scale" CHECK("indicators"."source" <> 'expert' or "indicators"."scale_min" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_assessment_code_unique` ON `indicators` (`assessment_id`,`code`);--> statement-breakpoint
CREATE INDEX `indicators_dimension_idx` ON `indicators` (`dimension_id`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_key_at_idx` ON `login_attempts` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `panel_members` (
	`assessment_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`influence` real DEFAULT 1 NOT NULL,
	PRIMARY KEY(`assessment_id`, `user_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "panel_members_role" CHECK("panel_members"."role" in ('evaluator', 'viewer', 'chair')),
	CONSTRAINT "panel_members_influence" CHECK("panel_members"."influence" > 0)
);
--> statement-breakpoint
CREATE INDEX `panel_members_user_idx` ON `panel_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `recommendation_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer,
	`code` text NOT NULL,
	`dimension_code` text NOT NULL,
	`condition` text NOT NULL,
	`text_en` text NOT NULL,
	`text_zh` text NOT NULL,
	`source` text NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recommendation_rules_assessment_code_unique` ON `recommendation_rules` (`assessment_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `recommendation_rules_library_code_unique` ON `recommendation_rules` (`code`) WHERE "recommendation_rules"."assessment_id" is null;--> statement-breakpoint
CREATE TABLE `result_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer NOT NULL,
	`problem` text NOT NULL,
	`result` text NOT NULL,
	`engine_version` text NOT NULL,
	`hash` text NOT NULL,
	`published` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `result_snapshots_assessment_idx` ON `result_snapshots` (`assessment_id`);--> statement-breakpoint
CREATE TABLE `round_submissions` (
	`round_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	PRIMARY KEY(`round_id`, `user_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`number` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "rounds_number" CHECK("rounds"."number" >= 1),
	CONSTRAINT "rounds_status" CHECK("rounds"."status" in ('open', 'closed')),
	CONSTRAINT "rounds_window" CHECK("rounds"."closes_at" is null or "rounds"."closes_at" >= "rounds"."opens_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_assessment_number_unique` ON `rounds` (`assessment_id`,`number`);--> statement-breakpoint
CREATE TABLE `scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`expert_id` integer NOT NULL,
	`alternative_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`value` real,
	`abstained` integer DEFAULT false NOT NULL,
	`rationale` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`expert_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`alternative_id`) REFERENCES `alternatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "scores_value_or_abstain" CHECK(("scores"."abstained" = 1 and "scores"."value" is null) or ("scores"."abstained" = 0 and "scores"."value" is not null)),
	CONSTRAINT "scores_version" CHECK("scores"."version" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scores_cell_unique` ON `scores` (`round_id`,`expert_id`,`alternative_id`,`indicator_id`);--> statement-breakpoint
CREATE INDEX `scores_expert_idx` ON `scores` (`expert_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`is_admin` integer DEFAULT false NOT NULL,
	`locale` text,
	`disabled_at` integer,
	`created_at` integer NOT NULL,
	CONSTRAINT "users_username_lowercase" CHECK("users"."username" = lower("users"."username") and length("users"."username") between 1 and 64),
	CONSTRAINT "users_locale" CHECK("users"."locale" is null or "users"."locale" in ('en', 'zh'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `weight_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`version` integer NOT NULL,
	`spec` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "weight_sets_version" CHECK("weight_sets"."version" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `weight_sets_version_unique` ON `weight_sets` (`assessment_id`,`version`);