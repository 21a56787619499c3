-- Payload retention and legal holds, and the indexes of the auditors' message log.
--
-- After the retention period (HUB_PAYLOAD_RETENTION, counted from received_at) the payload row of a message that is
-- no longer PENDING_DELIVERY is deleted and the time is kept on the envelope (payload_purged_at). Envelope, payload
-- SHA-256 and size, delivery attempts, the CO register and the audit records stay: a copy kept elsewhere can still
-- be proven identical to what the hub carried.
ALTER TABLE exchange_message ADD COLUMN payload_purged_at DATETIME(6) NULL;
-- The purge looks for payloads still stored (payload_purged_at IS NULL), oldest first, up to the cut-off.
CREATE INDEX ix_exchange_purge ON exchange_message (payload_purged_at, received_at);
-- The message log by CO number alone (ix_exchange_co starts with the issuer), newest first.
CREATE INDEX ix_exchange_co_number_time ON exchange_message (co_number, received_at);

-- A legal hold keeps payloads from being purged: on a CO (issuer + CO number: every message about it, a replacement
-- of it included) or on one exchange (tracking number). Placed and lifted by the secretariat with a reason; a lifted
-- hold stays here (who lifted it, when, why), so the table is the history of holds. Several holds may cover the same
-- object: lifting one (one legal matter closed) leaves the others in force.
CREATE TABLE legal_hold (
    id                   BIGINT        NOT NULL AUTO_INCREMENT,
    scope                VARCHAR(8)    NOT NULL,
    issuer_member        CHAR(2)       NULL,
    co_number            VARCHAR(35) COLLATE utf8mb4_bin NULL,
    tracking_number      VARCHAR(64) COLLATE utf8mb4_bin NULL,
    reason               VARCHAR(1000) NOT NULL,
    placed_by            VARCHAR(200)  NOT NULL,
    placed_at            DATETIME(6)   NOT NULL,
    lifted_by            VARCHAR(200)  NULL,
    lifted_at            DATETIME(6)   NULL,
    lift_reason          VARCHAR(1000) NULL,
    version              BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT ck_legal_hold_scope CHECK (
        (scope = 'CO' AND issuer_member IS NOT NULL AND co_number IS NOT NULL AND tracking_number IS NULL)
        OR (scope = 'EXCHANGE' AND tracking_number IS NOT NULL AND issuer_member IS NULL AND co_number IS NULL)),
    CONSTRAINT ck_legal_hold_lifted CHECK ((lifted_at IS NULL) = (lifted_by IS NULL)
        AND (lifted_at IS NULL) = (lift_reason IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_legal_hold_tracking ON legal_hold (tracking_number, lifted_at);
CREATE INDEX ix_legal_hold_co ON legal_hold (issuer_member, co_number, lifted_at);
