-- The audit log: one row per exchange or administrative event, hash-chained (each record's hash covers its canonical
-- form plus the previous record's hash). Sequence numbers are assigned by the application under the lock of the
-- single audit_head row, never by AUTO_INCREMENT (EclipseLink does not insert in persist() order).
CREATE TABLE audit_record (
    seq                BIGINT        NOT NULL,
    recorded_at        DATETIME(6)   NOT NULL,
    actor_kind         VARCHAR(16)   NOT NULL,
    actor              VARCHAR(200)  NOT NULL,
    actor_member       CHAR(2)       NULL,
    action             VARCHAR(64)   NOT NULL,
    outcome            VARCHAR(16)   NOT NULL,
    object_type        VARCHAR(40)   NULL,
    object_id          VARCHAR(100)  NULL,
    tracking_number    VARCHAR(64)   NULL,
    co_number          VARCHAR(100)  NULL,
    sender_member      CHAR(2)       NULL,
    recipient_member   CHAR(2)       NULL,
    detail             VARCHAR(1000) NULL,
    prev_hash          CHAR(64)      NOT NULL,
    hash               CHAR(64)      NOT NULL,
    PRIMARY KEY (seq),
    CONSTRAINT ck_audit_actor_kind CHECK (actor_kind IN ('USER', 'GATEWAY', 'HUB')),
    CONSTRAINT ck_audit_outcome CHECK (outcome IN ('SUCCESS', 'REJECTED', 'FAILED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_audit_time ON audit_record (recorded_at);
CREATE INDEX ix_audit_actor_member_time ON audit_record (actor_member, recorded_at);
CREATE INDEX ix_audit_sender_time ON audit_record (sender_member, recorded_at);
CREATE INDEX ix_audit_recipient_time ON audit_record (recipient_member, recorded_at);
CREATE INDEX ix_audit_action_time ON audit_record (action, recorded_at);
CREATE INDEX ix_audit_tracking ON audit_record (tracking_number);
CREATE INDEX ix_audit_co_number ON audit_record (co_number);

-- The head of the chain: locked (SELECT ... FOR UPDATE) by every append, so sequence and previous hash are assigned
-- in one order across all hub nodes.
CREATE TABLE audit_head (
    id                 TINYINT      NOT NULL,
    seq                BIGINT       NOT NULL,
    hash               CHAR(64)     NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_audit_head_single CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only: UPDATE and DELETE on audit records fail for every database user, the hub's own included.
CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_record FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit records are append-only';
CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_record FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit records are append-only';
