-- Signed checkpoints of the audit chain: now and then the hub signs the chain head (the sequence number of a record
-- and its hash, with the time) with its own key and keeps the signature here, together with the signer certificate,
-- so that an export can be verified offline by anyone who knows the hub's certificate fingerprint. Checkpoints are
-- also published (registry directory, /api/audit/checkpoints): a later rewrite of the chain in the database, however
-- consistent, no longer matches a checkpoint that members and auditors already hold.
--
-- The signed bytes are the UTF-8 text
--   "originhub-audit-checkpoint-v1\n" seq "\n" head_hash "\n" created_at "\n"
-- with created_at in ISO-8601 UTC with six fraction digits (see AuditCheckpointForm in hub-ejb).
--
-- One checkpoint per sequence number (the primary key): several hub nodes racing to sign the same head cannot both
-- store one. Not a foreign key to audit_record: EclipseLink does not insert in persist() order, and the verifier
-- checks the link anyway.
CREATE TABLE audit_checkpoint (
    seq                   BIGINT          NOT NULL,
    head_hash             CHAR(64)        NOT NULL,
    created_at            DATETIME(6)     NOT NULL,
    signature_algorithm   VARCHAR(32)     NOT NULL,
    signature             VARBINARY(1024) NOT NULL,
    signer_fingerprint    CHAR(64)        NOT NULL,
    signer_certificate    BLOB            NOT NULL,
    PRIMARY KEY (seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Append-only, like audit_record.
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit checkpoints are append-only';
CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit checkpoints are append-only';

-- Times never go backwards along the chain: the head remembers the time of the last record, and a record appended
-- by a node whose clock is behind gets that time instead of its own. That makes a time range a range of sequence
-- numbers, which is what lets the indexes below answer "first page, newest first" for a time range without sorting.
ALTER TABLE audit_head ADD COLUMN recorded_at DATETIME(6) NULL;
UPDATE audit_head SET recorded_at = (SELECT MAX(recorded_at) FROM audit_record);

-- Every search pages by sequence number (keyset, newest or oldest first). An index (column, recorded_at) returns the
-- rows of a member or an action in time order and makes MariaDB sort every match to find the newest 100; measured
-- over 1M records, up to a second for a busy member or an action over 90 days. (column) alone is (column, seq) in
-- InnoDB: already in sequence order, read from the end, stopping after one page. See AuditLog.query.
ALTER TABLE audit_record
    DROP INDEX ix_audit_actor_member_time,
    DROP INDEX ix_audit_sender_time,
    DROP INDEX ix_audit_recipient_time,
    DROP INDEX ix_audit_action_time,
    ADD INDEX ix_audit_actor_member_seq (actor_member, seq),
    ADD INDEX ix_audit_sender_seq (sender_member, seq),
    ADD INDEX ix_audit_recipient_seq (recipient_member, seq),
    ADD INDEX ix_audit_action_seq (action, seq);
