-- The CO exchange: accepted envelopes with their delivery state, the payloads (apart, so a retention purge can drop
-- payloads and keep envelopes), the envelopes' references, the history of delivery attempts, and the CO life-cycle
-- register with its history.
--
-- Idempotency and duplicates are enforced here too, not only by the application's checks, so two hub nodes that
-- accept the same submission at the same moment cannot both store it: the loser's insert fails on a unique key and
-- the application answers it like a repeat (or a Duplicate).

CREATE TABLE exchange_message (
    id                   BIGINT        NOT NULL AUTO_INCREMENT,
    tracking_number      VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    -- the envelope as submitted
    sender_member        CHAR(2)       NOT NULL,
    recipient_member     CHAR(2)       NOT NULL,
    agreement_code       VARCHAR(32)   NOT NULL,
    document_type        VARCHAR(40)   NOT NULL,
    document_function    VARCHAR(8)    NOT NULL,
    issuer_member        CHAR(2)       NOT NULL,
    co_number            VARCHAR(35) COLLATE utf8mb4_bin NOT NULL,
    sender_message_id    VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    response_kind        VARCHAR(16)   NULL,
    verification_result  VARCHAR(16)   NULL,
    -- read from the payload: the CO a REPLACE replaces, the RequestNumber of a verification request or response
    replaced_co_number   VARCHAR(35) COLLATE utf8mb4_bin NULL,
    request_number       VARCHAR(35) COLLATE utf8mb4_bin NULL,
    -- the document function for CERTIFICATE_OF_ORIGIN documents only (NULL otherwise, and NULLs never collide in a
    -- unique key): one NEW, one REPLACE and one CANCEL per issuer and CO number
    co_function          VARCHAR(8)    NULL,
    -- who sent it, as the security pipeline verified it
    sender_gateway_id    BIGINT        NOT NULL,
    sender_certificate   CHAR(64)      NOT NULL,
    -- where it goes: the recipient's gateway chosen at acceptance and its delivery mode then
    recipient_gateway_id BIGINT        NOT NULL,
    delivery_mode        VARCHAR(8)    NOT NULL,
    media_type           VARCHAR(127)  NOT NULL,
    payload_sha256       CHAR(64)      NOT NULL,
    payload_size         BIGINT        NOT NULL,
    received_at          DATETIME(6)   NOT NULL,
    -- delivery
    delivery_status      VARCHAR(32)   NOT NULL,
    depends_on           VARCHAR(64) COLLATE utf8mb4_bin NULL,
    dependency_open      BOOLEAN       NOT NULL DEFAULT FALSE,
    attempts             INT           NOT NULL DEFAULT 0,
    first_attempt_at     DATETIME(6)   NULL,
    last_attempt_at      DATETIME(6)   NULL,
    next_attempt_at      DATETIME(6)   NULL,
    claim_token          VARCHAR(64)   NULL,
    claimed_until        DATETIME(6)   NULL,
    ack_kind             VARCHAR(20)   NULL,
    ack_text             VARCHAR(2000) NULL,
    acknowledged_at      DATETIME(6)   NULL,
    failed_at            DATETIME(6)   NULL,
    version              BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_exchange_tracking UNIQUE (tracking_number),
    CONSTRAINT uq_exchange_sender_message UNIQUE (sender_member, sender_message_id),
    CONSTRAINT uq_exchange_co_function UNIQUE (issuer_member, co_number, co_function),
    CONSTRAINT uq_exchange_verification UNIQUE (issuer_member, co_number, document_type, request_number),
    CONSTRAINT fk_exchange_sender FOREIGN KEY (sender_member) REFERENCES member_state (code),
    CONSTRAINT fk_exchange_recipient FOREIGN KEY (recipient_member) REFERENCES member_state (code),
    CONSTRAINT fk_exchange_sender_gateway FOREIGN KEY (sender_gateway_id) REFERENCES gateway (id),
    CONSTRAINT fk_exchange_recipient_gateway FOREIGN KEY (recipient_gateway_id) REFERENCES gateway (id),
    CONSTRAINT ck_exchange_type CHECK (document_type IN ('CERTIFICATE_OF_ORIGIN', 'BUSINESS_RESPONSE',
        'VERIFICATION_REQUEST', 'VERIFICATION_RESPONSE')),
    CONSTRAINT ck_exchange_function CHECK (document_function IN ('NEW', 'REPLACE', 'CANCEL')),
    CONSTRAINT ck_exchange_co_function CHECK ((document_type = 'CERTIFICATE_OF_ORIGIN' AND co_function = document_function)
        OR (document_type <> 'CERTIFICATE_OF_ORIGIN' AND co_function IS NULL)),
    CONSTRAINT ck_exchange_mode CHECK (delivery_mode IN ('PUSH', 'PULL')),
    CONSTRAINT ck_exchange_status CHECK (delivery_status IN ('PENDING_DELIVERY', 'DELIVERED',
        'DELIVERED_WITH_WARNINGS', 'DELIVERED_NOT_READABLE', 'FAILED_DELIVERY')),
    CONSTRAINT ck_exchange_ack CHECK (ack_kind IS NULL OR ack_kind IN ('OK', 'OK_WITH_WARNINGS', 'NOT_READABLE')),
    CONSTRAINT ck_exchange_sha CHECK (payload_sha256 REGEXP '^[0-9a-f]{64}$')
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
-- claiming due PUSH deliveries (SELECT ... FOR UPDATE SKIP LOCKED)
CREATE INDEX ix_exchange_due ON exchange_message (delivery_status, delivery_mode, dependency_open, next_attempt_at);
-- a PULL member's inbox, oldest first
CREATE INDEX ix_exchange_inbox ON exchange_message (recipient_member, delivery_status, delivery_mode,
    dependency_open, id);
-- ordering per CO: the successors of a document, and the latest document about a CO for a recipient
CREATE INDEX ix_exchange_depends_on ON exchange_message (depends_on);
CREATE INDEX ix_exchange_co ON exchange_message (issuer_member, co_number, recipient_member);
CREATE INDEX ix_exchange_replaced ON exchange_message (issuer_member, replaced_co_number, recipient_member);
-- the auditors' message log: by sender or recipient and time, by time alone
CREATE INDEX ix_exchange_sender_time ON exchange_message (sender_member, received_at);
CREATE INDEX ix_exchange_recipient_time ON exchange_message (recipient_member, received_at);
CREATE INDEX ix_exchange_received ON exchange_message (received_at);
CREATE INDEX ix_exchange_status_time ON exchange_message (delivery_status, received_at);

-- The payload bytes exactly as received (never re-serialised). One row per message; a retention purge may delete it.
CREATE TABLE exchange_payload (
    message_id           BIGINT        NOT NULL,
    content              LONGBLOB      NOT NULL,
    PRIMARY KEY (message_id),
    CONSTRAINT fk_exchange_payload_message FOREIGN KEY (message_id) REFERENCES exchange_message (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The envelope's References, in envelope order: exactly one of a tracking number or the issuer's CO number.
CREATE TABLE exchange_reference (
    message_id           BIGINT        NOT NULL,
    ref_index            INT           NOT NULL,
    tracking_number      VARCHAR(64) COLLATE utf8mb4_bin NULL,
    co_number            VARCHAR(35) COLLATE utf8mb4_bin NULL,
    PRIMARY KEY (message_id, ref_index),
    CONSTRAINT fk_exchange_reference_message FOREIGN KEY (message_id) REFERENCES exchange_message (id),
    CONSTRAINT ck_exchange_reference_one CHECK ((tracking_number IS NULL) <> (co_number IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_exchange_reference_tracking ON exchange_reference (tracking_number);

-- Every delivery attempt: a PUSH call with its outcome, or a pull by a PULL recipient. Numbered per message (pushes
-- and pulls together) under the lock of the message row.
CREATE TABLE delivery_attempt (
    id                   BIGINT        NOT NULL AUTO_INCREMENT,
    message_id           BIGINT        NOT NULL,
    attempt_number       INT           NOT NULL,
    kind                 VARCHAR(8)    NOT NULL,
    attempted_at         DATETIME(6)   NOT NULL,
    outcome              VARCHAR(16)   NOT NULL,
    detail               VARCHAR(1000) NULL,
    node                 VARCHAR(64)   NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_delivery_attempt_number UNIQUE (message_id, attempt_number),
    CONSTRAINT fk_delivery_attempt_message FOREIGN KEY (message_id) REFERENCES exchange_message (id),
    CONSTRAINT ck_delivery_attempt_kind CHECK (kind IN ('PUSH', 'PULL')),
    CONSTRAINT ck_delivery_attempt_outcome CHECK (outcome IN ('ACKNOWLEDGED', 'FAILED', 'PULLED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_delivery_attempt_time ON delivery_attempt (attempted_at);

-- The CO life-cycle register: one row per CO (issuing member + CO number), changed only by documents that passed
-- through the hub. The row is locked by every submission about the CO, which orders them.
CREATE TABLE co_register (
    issuer_member        CHAR(2)       NOT NULL,
    co_number            VARCHAR(35) COLLATE utf8mb4_bin NOT NULL,
    status               VARCHAR(24)   NOT NULL,
    status_since         DATETIME(6)   NOT NULL,
    agreement_code       VARCHAR(32)   NOT NULL,
    importing_member     CHAR(2)       NOT NULL,
    issued_by            VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    replaced_by          VARCHAR(35) COLLATE utf8mb4_bin NULL,
    replaces             VARCHAR(35) COLLATE utf8mb4_bin NULL,
    ever_utilised        BOOLEAN       NOT NULL DEFAULT FALSE,
    open_request_number  VARCHAR(35) COLLATE utf8mb4_bin NULL,
    version              BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (issuer_member, co_number),
    CONSTRAINT fk_co_register_issuer FOREIGN KEY (issuer_member) REFERENCES member_state (code),
    CONSTRAINT fk_co_register_importer FOREIGN KEY (importing_member) REFERENCES member_state (code),
    CONSTRAINT ck_co_register_status CHECK (status IN ('ISSUED', 'REPLACED', 'CANCELLED', 'ACCEPTED', 'REJECTED',
        'UTILISED', 'VERIFICATION_REQUESTED', 'CONFIRMED', 'NOT_CONFIRMED', 'EXPIRED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_co_register_importer ON co_register (importing_member, status_since);
CREATE INDEX ix_co_register_status ON co_register (status, status_since);

-- Every status change of a CO with the envelope whose document caused it.
CREATE TABLE co_status_change (
    id                   BIGINT        NOT NULL AUTO_INCREMENT,
    issuer_member        CHAR(2)       NOT NULL,
    co_number            VARCHAR(35) COLLATE utf8mb4_bin NOT NULL,
    previous_status      VARCHAR(24)   NULL,
    status               VARCHAR(24)   NOT NULL,
    changed_at           DATETIME(6)   NOT NULL,
    tracking_number      VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_co_status_change_co FOREIGN KEY (issuer_member, co_number)
        REFERENCES co_register (issuer_member, co_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_co_status_change_co ON co_status_change (issuer_member, co_number, changed_at);
CREATE INDEX ix_co_status_change_time ON co_status_change (changed_at);
