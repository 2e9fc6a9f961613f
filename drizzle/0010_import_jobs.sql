CREATE TABLE `import_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`assessment_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`started_at` integer NOT NULL,
	`heartbeat_at` integer NOT NULL,
	`state` text NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`preview` text,
	`message` text,
	`count` integer,
	`replaced` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "import_jobs_state" CHECK("import_jobs"."state" in ('checking', 'ready', 'committing', 'unreadable', 'imported'))
);
--> statement-breakpoint
CREATE INDEX `import_jobs_started_idx` ON `import_jobs` (`started_at`);