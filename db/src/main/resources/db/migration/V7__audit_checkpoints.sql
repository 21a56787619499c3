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
