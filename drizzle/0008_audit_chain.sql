CREATE TABLE `audit_chain` (
	`entry_id` integer PRIMARY KEY NOT NULL,
	`prev_hash` text,
	`hash` text NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `audit_log`(`id`) ON UPDATE no action ON DELETE no action
);
