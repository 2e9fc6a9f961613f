-- The audit log chains its entries (README, Tamper-evident audit log). SHA3-256 because it is the SHA-2-sized hash
-- libSQL itself computes (sha3()), so the chain is made in the same statement as the entry, whichever connection,
-- process or server writes it. The content hashed is json_array(id, at, user_id, action, entity, entity_id, before,
-- after, prev_hash); src/db/audit-chain.ts recomputes it in Node to verify.
-- Entries written before this migration are chained first, in id order.
INSERT INTO `audit_chain` (`entry_id`, `prev_hash`, `hash`)
WITH RECURSIVE `chain` (`id`, `prev_hash`, `hash`) AS (
	SELECT `id`, NULL, lower(hex(sha3(json_array(`id`, `at`, `user_id`, `action`, `entity`, `entity_id`, `before`, `after`, NULL))))
	FROM `audit_log` WHERE `id` = (SELECT min(`id`) FROM `audit_log`)
	UNION ALL
	SELECT `a`.`id`, `chain`.`hash`, lower(hex(sha3(json_array(`a`.`id`, `a`.`at`, `a`.`user_id`, `a`.`action`, `a`.`entity`, `a`.`entity_id`, `a`.`before`, `a`.`after`, `chain`.`hash`))))
	FROM `chain` JOIN `audit_log` AS `a` ON `a`.`id` = (SELECT min(`id`) FROM `audit_log` WHERE `id` > `chain`.`id`)
)
SELECT `id`, `prev_hash`, `hash` FROM `chain`;
--> statement-breakpoint
-- INSERT OR REPLACE deletes the old row without firing DELETE triggers (recursive_triggers is off): refuse it here.
CREATE TRIGGER `audit_log_no_replace` BEFORE INSERT ON `audit_log`
WHEN EXISTS (SELECT 1 FROM `audit_log` WHERE `id` = new.`id`)
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: an entry with this id exists');
END;
--> statement-breakpoint
-- Each new entry gets its chain row in the same statement; one behind a later entry would break the chain.
CREATE TRIGGER `audit_log_chain` AFTER INSERT ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: an entry can only follow the last one')
	WHERE EXISTS (SELECT 1 FROM `audit_chain` WHERE `entry_id` >= new.`id`);
	INSERT INTO `audit_chain` (`entry_id`, `prev_hash`, `hash`)
	SELECT new.`id`, `prev`, lower(hex(sha3(json_array(new.`id`, new.`at`, new.`user_id`, new.`action`, new.`entity`, new.`entity_id`, new.`before`, new.`after`, `prev`))))
	FROM (SELECT (SELECT `hash` FROM `audit_chain` ORDER BY `entry_id` DESC LIMIT 1) AS `prev`);
END;
--> statement-breakpoint
CREATE TRIGGER `audit_chain_no_update` BEFORE UPDATE ON `audit_chain`
BEGIN
	SELECT RAISE(ABORT, 'audit_chain is append-only: UPDATE is not allowed');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_chain_no_delete` BEFORE DELETE ON `audit_chain`
BEGIN
	SELECT RAISE(ABORT, 'audit_chain is append-only: DELETE is not allowed');
END;
--> statement-breakpoint
-- Only the trigger above adds chain rows: one for an entry that has one already, or for no entry, is refused.
CREATE TRIGGER `audit_chain_no_replace` BEFORE INSERT ON `audit_chain`
WHEN EXISTS (SELECT 1 FROM `audit_chain` WHERE `entry_id` = new.`entry_id`)
	OR NOT EXISTS (SELECT 1 FROM `audit_log` WHERE `id` = new.`entry_id`)
BEGIN
	SELECT RAISE(ABORT, 'audit_chain is append-only: a chain row belongs to one existing entry');
END;
