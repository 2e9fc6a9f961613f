CREATE TABLE `report_renders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`snapshot_id` integer NOT NULL,
	`kind` text NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`locale` text NOT NULL,
	`status` text NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`pdf` blob,
	`error` text,
	`started_at` integer NOT NULL,
	`heartbeat_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`snapshot_id`) REFERENCES `result_snapshots`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "report_renders_kind" CHECK("report_renders"."kind" in ('report', 'brief')),
	CONSTRAINT "report_renders_status" CHECK("report_renders"."status" in ('running', 'done', 'failed')),
	CONSTRAINT "report_renders_locale" CHECK("report_renders"."locale" in ('en', 'zh'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_renders_unique` ON `report_renders` (`snapshot_id`,`kind`,`city`,`locale`);--> statement-breakpoint
ALTER TABLE `assessments` ADD `data_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `result_snapshots` ADD `comparison_problem` text;--> statement-breakpoint
ALTER TABLE `result_snapshots` ADD `comparison_result` text;--> statement-breakpoint
ALTER TABLE `result_snapshots` ADD `labels` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `result_snapshots` ADD `rules` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `result_snapshots` ADD `weight_set_version` integer;--> statement-breakpoint
ALTER TABLE `result_snapshots` ADD `weight_set_note` text;--> statement-breakpoint
ALTER TABLE `result_snapshots` ADD `method_settings` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- A published snapshot is evidence of what was reported: once written it can be neither changed nor removed.
CREATE TRIGGER `result_snapshots_no_update` BEFORE UPDATE ON `result_snapshots`
BEGIN
	SELECT RAISE(ABORT, 'result_snapshots are immutable: UPDATE is not allowed');
END;
--> statement-breakpoint
CREATE TRIGGER `result_snapshots_no_delete` BEFORE DELETE ON `result_snapshots`
BEGIN
	SELECT RAISE(ABORT, 'result_snapshots are immutable: DELETE is not allowed');
END;
--> statement-breakpoint
-- INSERT OR REPLACE deletes the row it replaces without firing DELETE triggers: refuse an insert of an existing id.
CREATE TRIGGER `result_snapshots_no_replace` BEFORE INSERT ON `result_snapshots`
WHEN EXISTS (SELECT 1 FROM `result_snapshots` WHERE `id` = NEW.`id`)
BEGIN
	SELECT RAISE(ABORT, 'result_snapshots are immutable: replacing one is not allowed');
END;
--> statement-breakpoint
-- Every change to what an assessment's Problem is built from raises its data_version (cached results are keyed by it).
CREATE TRIGGER `weight_sets_data_version_insert` AFTER INSERT ON `weight_sets`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `weight_sets_data_version_update` AFTER UPDATE ON `weight_sets`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `weight_sets_data_version_delete` AFTER DELETE ON `weight_sets`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = OLD.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `alternatives_data_version_insert` AFTER INSERT ON `alternatives`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `alternatives_data_version_update` AFTER UPDATE ON `alternatives`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `alternatives_data_version_delete` AFTER DELETE ON `alternatives`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = OLD.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `dimensions_data_version_insert` AFTER INSERT ON `dimensions`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `dimensions_data_version_update` AFTER UPDATE ON `dimensions`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `dimensions_data_version_delete` AFTER DELETE ON `dimensions`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = OLD.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `indicators_data_version_insert` AFTER INSERT ON `indicators`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `indicators_data_version_update` AFTER UPDATE ON `indicators`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `indicators_data_version_delete` AFTER DELETE ON `indicators`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = OLD.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `panel_members_data_version_insert` AFTER INSERT ON `panel_members`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `panel_members_data_version_update` AFTER UPDATE ON `panel_members`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `panel_members_data_version_delete` AFTER DELETE ON `panel_members`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = OLD.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `rounds_data_version_insert` AFTER INSERT ON `rounds`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `rounds_data_version_update` AFTER UPDATE ON `rounds`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `rounds_data_version_delete` AFTER DELETE ON `rounds`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = OLD.`assessment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `scores_data_version_insert` AFTER INSERT ON `scores`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1
	WHERE `id` = (SELECT `assessment_id` FROM `rounds` WHERE `id` = NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_values_data_version_insert` AFTER INSERT ON `indicator_values`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1
	WHERE `id` = (SELECT `assessment_id` FROM `indicators` WHERE `id` = NEW.`indicator_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `recommendation_rules_data_version_insert` AFTER INSERT ON `recommendation_rules`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1
	WHERE `id` = NEW.`assessment_id` OR NEW.`assessment_id` IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `scores_data_version_update` AFTER UPDATE ON `scores`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1
	WHERE `id` = (SELECT `assessment_id` FROM `rounds` WHERE `id` = NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_values_data_version_update` AFTER UPDATE ON `indicator_values`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1
	WHERE `id` = (SELECT `assessment_id` FROM `indicators` WHERE `id` = NEW.`indicator_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `recommendation_rules_data_version_update` AFTER UPDATE ON `recommendation_rules`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1
	WHERE `id` = NEW.`assessment_id` OR NEW.`assessment_id` IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `scores_data_version_delete` AFTER DELETE ON `scores`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1
	WHERE `id` = (SELECT `assessment_id` FROM `rounds` WHERE `id` = OLD.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_values_data_version_delete` AFTER DELETE ON `indicator_values`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1
	WHERE `id` = (SELECT `assessment_id` FROM `indicators` WHERE `id` = OLD.`indicator_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `recommendation_rules_data_version_delete` AFTER DELETE ON `recommendation_rules`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1
	WHERE `id` = OLD.`assessment_id` OR OLD.`assessment_id` IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `assessments_data_version_update`
AFTER UPDATE OF `method_settings`, `name_en`, `name_zh`, `region_en`, `region_zh`, `period`, `description_en`,
	`description_zh`, `illustrative` ON `assessments`
BEGIN
	UPDATE `assessments` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`id`;
END;
