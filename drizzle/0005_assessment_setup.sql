ALTER TABLE `assessments` ADD `description_en` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `assessments` ADD `description_zh` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `assessments` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `indicators` ADD `bound_min` real;--> statement-breakpoint
ALTER TABLE `indicators` ADD `bound_max` real;