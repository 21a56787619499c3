-- The regional registry: member states, agreements and their parties, trust anchors and their CRLs, gateways with
-- their document-type permissions and certificates, issuing authorities and authorised signers, registration
-- requests and onboarding codes, the directory serial, and alerts.
-- Statuses are VARCHAR with CHECK constraints (portable to MySQL 8 and MariaDB 10.11; readable in ad-hoc queries).
-- Certificates are stored as DER next to their SHA-256 fingerprint (lowercase hex), which is what lookups use.

CREATE TABLE member_state (
    code               CHAR(2)      NOT NULL,
    name               VARCHAR(200) NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    created_at         DATETIME(6)  NOT NULL,
    status_changed_at  DATETIME(6)  NOT NULL,
    version            BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (code),
    CONSTRAINT ck_member_state_code CHECK (code REGEXP '^[A-Z]{2}$'),
    CONSTRAINT ck_member_state_status CHECK (status IN ('ACTIVE', 'SUSPENDED', 'WITHDRAWN'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE agreement (
    id                 BIGINT       NOT NULL AUTO_INCREMENT,
    code               VARCHAR(32)  NOT NULL,
    name               VARCHAR(200) NOT NULL,
    in_force_from      DATE         NOT NULL,
    in_force_until     DATE         NULL,
    created_at         DATETIME(6)  NOT NULL,
    version            BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_agreement_code UNIQUE (code),
    CONSTRAINT ck_agreement_code CHECK (code REGEXP '^[A-Z0-9][A-Z0-9_-]{1,31}$'),
    CONSTRAINT ck_agreement_period CHECK (in_force_until IS NULL OR in_force_until >= in_force_from)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE agreement_party (
    agreement_id       BIGINT       NOT NULL,
    member_code        CHAR(2)      NOT NULL,
    PRIMARY KEY (agreement_id, member_code),
    CONSTRAINT fk_agreement_party_agreement FOREIGN KEY (agreement_id) REFERENCES agreement (id),
    CONSTRAINT fk_agreement_party_member FOREIGN KEY (member_code) REFERENCES member_state (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_agreement_party_member ON agreement_party (member_code);

CREATE TABLE trust_anchor (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    name               VARCHAR(200)  NOT NULL,
    fingerprint        CHAR(64)      NOT NULL,
    subject            VARCHAR(1000) NOT NULL,
    issuer             VARCHAR(1000) NOT NULL,
    serial_number      VARCHAR(80)   NOT NULL,
    not_before         DATETIME(6)   NOT NULL,
    not_after          DATETIME(6)   NOT NULL,
    der                BLOB          NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    created_at         DATETIME(6)   NOT NULL,
    created_by         VARCHAR(200)  NOT NULL,
    version            BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_trust_anchor_fingerprint UNIQUE (fingerprint),
    CONSTRAINT ck_trust_anchor_status CHECK (status IN ('ACTIVE', 'RETIRED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Each CRL imported for an anchor, kept as received.
CREATE TABLE revocation_list (
    id                 BIGINT       NOT NULL AUTO_INCREMENT,
    anchor_id          BIGINT       NOT NULL,
    this_update        DATETIME(6)  NOT NULL,
    next_update        DATETIME(6)  NULL,
    entry_count        INT          NOT NULL,
    der                MEDIUMBLOB   NOT NULL,
    imported_at        DATETIME(6)  NOT NULL,
    imported_by        VARCHAR(200) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_revocation_list_anchor FOREIGN KEY (anchor_id) REFERENCES trust_anchor (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The union of the revoked serial numbers of all CRLs imported for an anchor: the fast lookup.
CREATE TABLE revoked_serial (
    anchor_id          BIGINT       NOT NULL,
    serial_number      VARCHAR(80)  NOT NULL,
    revoked_at         DATETIME(6)  NOT NULL,
    reason             VARCHAR(40)  NULL,
    revocation_list_id BIGINT       NOT NULL,
    PRIMARY KEY (anchor_id, serial_number),
    CONSTRAINT fk_revoked_serial_anchor FOREIGN KEY (anchor_id) REFERENCES trust_anchor (id),
    CONSTRAINT fk_revoked_serial_list FOREIGN KEY (revocation_list_id) REFERENCES revocation_list (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE gateway (
    id                 BIGINT       NOT NULL AUTO_INCREMENT,
    member_code        CHAR(2)      NOT NULL,
    name               VARCHAR(100) NOT NULL,
    delivery_mode      VARCHAR(8)   NOT NULL,
    endpoint_url       VARCHAR(500) NULL,
    status             VARCHAR(16)  NOT NULL,
    created_at         DATETIME(6)  NOT NULL,
    status_changed_at  DATETIME(6)  NOT NULL,
    version            BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_gateway_member_name UNIQUE (member_code, name),
    CONSTRAINT fk_gateway_member FOREIGN KEY (member_code) REFERENCES member_state (code),
    CONSTRAINT ck_gateway_mode CHECK (delivery_mode IN ('PUSH', 'PULL')),
    CONSTRAINT ck_gateway_push_endpoint CHECK (delivery_mode = 'PULL' OR endpoint_url IS NOT NULL),
    CONSTRAINT ck_gateway_status CHECK (status IN ('PENDING', 'ACTIVE', 'SUSPENDED', 'RETIRED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Which document types a gateway may send and receive (ePhyto-style per-type permissions).
CREATE TABLE gateway_document_type (
    gateway_id         BIGINT       NOT NULL,
    direction          VARCHAR(8)   NOT NULL,
    document_type      VARCHAR(40)  NOT NULL,
    PRIMARY KEY (gateway_id, direction, document_type),
    CONSTRAINT fk_gateway_document_type_gateway FOREIGN KEY (gateway_id) REFERENCES gateway (id),
    CONSTRAINT ck_gateway_document_direction CHECK (direction IN ('SEND', 'RECEIVE'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE gateway_certificate (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    gateway_id         BIGINT        NOT NULL,
    anchor_id          BIGINT        NOT NULL,
    fingerprint        CHAR(64)      NOT NULL,
    subject            VARCHAR(1000) NOT NULL,
    issuer             VARCHAR(1000) NOT NULL,
    serial_number      VARCHAR(80)   NOT NULL,
    key_algorithm      VARCHAR(16)   NOT NULL,
    key_size           INT           NOT NULL,
    not_before         DATETIME(6)   NOT NULL,
    not_after          DATETIME(6)   NOT NULL,
    der                BLOB          NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    registered_at      DATETIME(6)   NOT NULL,
    activated_at       DATETIME(6)   NULL,
    superseded_at      DATETIME(6)   NULL,
    revoked_at         DATETIME(6)   NULL,
    revocation_reason  VARCHAR(500)  NULL,
    expiry_warned_days INT           NULL,
    version            BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_gateway_certificate_fingerprint UNIQUE (fingerprint),
    CONSTRAINT fk_gateway_certificate_gateway FOREIGN KEY (gateway_id) REFERENCES gateway (id),
    CONSTRAINT fk_gateway_certificate_anchor FOREIGN KEY (anchor_id) REFERENCES trust_anchor (id),
    CONSTRAINT ck_gateway_certificate_status
        CHECK (status IN ('PENDING', 'ACTIVE', 'STAGED', 'SUPERSEDED', 'REVOKED', 'EXPIRED', 'REJECTED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_gateway_certificate_gateway ON gateway_certificate (gateway_id, status);
CREATE INDEX ix_gateway_certificate_expiry ON gateway_certificate (status, not_after);

CREATE TABLE issuing_authority (
    id                 BIGINT       NOT NULL AUTO_INCREMENT,
    member_code        CHAR(2)      NOT NULL,
    name               VARCHAR(200) NOT NULL,
    valid_from         DATETIME(6)  NOT NULL,
    valid_until        DATETIME(6)  NULL,
    status             VARCHAR(16)  NOT NULL,
    revoked_at         DATETIME(6)  NULL,
    revocation_reason  VARCHAR(500) NULL,
    created_at         DATETIME(6)  NOT NULL,
    version            BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_issuing_authority_member_name UNIQUE (member_code, name),
    CONSTRAINT fk_issuing_authority_member FOREIGN KEY (member_code) REFERENCES member_state (code),
    CONSTRAINT ck_issuing_authority_status CHECK (status IN ('ACTIVE', 'REVOKED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Officials whose certificates sign COs (ALADI-style signer directory). No rows in authorised_signer_agreement
-- means: authorised for every agreement its member state is party to.
CREATE TABLE authorised_signer (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    authority_id       BIGINT        NOT NULL,
    member_code        CHAR(2)       NOT NULL,
    name               VARCHAR(200)  NOT NULL,
    anchor_id          BIGINT        NOT NULL,
    fingerprint        CHAR(64)      NOT NULL,
    subject            VARCHAR(1000) NOT NULL,
    issuer             VARCHAR(1000) NOT NULL,
    serial_number      VARCHAR(80)   NOT NULL,
    not_before         DATETIME(6)   NOT NULL,
    not_after          DATETIME(6)   NOT NULL,
    der                BLOB          NOT NULL,
    valid_from         DATETIME(6)   NOT NULL,
    valid_until        DATETIME(6)   NULL,
    status             VARCHAR(16)   NOT NULL,
    revoked_at         DATETIME(6)   NULL,
    revocation_reason  VARCHAR(500)  NULL,
    expiry_warned_days INT           NULL,
    created_at         DATETIME(6)   NOT NULL,
    version            BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_authorised_signer_fingerprint UNIQUE (fingerprint),
    CONSTRAINT fk_authorised_signer_authority FOREIGN KEY (authority_id) REFERENCES issuing_authority (id),
    CONSTRAINT fk_authorised_signer_member FOREIGN KEY (member_code) REFERENCES member_state (code),
    CONSTRAINT fk_authorised_signer_anchor FOREIGN KEY (anchor_id) REFERENCES trust_anchor (id),
    CONSTRAINT ck_authorised_signer_status CHECK (status IN ('ACTIVE', 'REVOKED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_authorised_signer_member ON authorised_signer (member_code);
CREATE INDEX ix_authorised_signer_expiry ON authorised_signer (status, not_after);

CREATE TABLE authorised_signer_agreement (
    signer_id          BIGINT       NOT NULL,
    agreement_id       BIGINT       NOT NULL,
    PRIMARY KEY (signer_id, agreement_id),
    CONSTRAINT fk_signer_agreement_signer FOREIGN KEY (signer_id) REFERENCES authorised_signer (id),
    CONSTRAINT fk_signer_agreement_agreement FOREIGN KEY (agreement_id) REFERENCES agreement (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Registry changes as requests the secretariat decides (X-Road style).
CREATE TABLE registration_request (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    kind               VARCHAR(32)   NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    member_code        CHAR(2)       NOT NULL,
    gateway_id         BIGINT        NULL,
    gateway_name       VARCHAR(100)  NULL,
    delivery_mode      VARCHAR(8)    NULL,
    endpoint_url       VARCHAR(500)  NULL,
    document_types     VARCHAR(1000) NULL,
    certificate_der    BLOB          NULL,
    certificate_fingerprint CHAR(64) NULL,
    submitted_by       VARCHAR(200)  NOT NULL,
    submitted_via      VARCHAR(16)   NOT NULL,
    submitted_at       DATETIME(6)   NOT NULL,
    comment            VARCHAR(1000) NULL,
    decided_by         VARCHAR(200)  NULL,
    decided_at         DATETIME(6)   NULL,
    decision_reason    VARCHAR(1000) NULL,
    version            BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT fk_registration_request_member FOREIGN KEY (member_code) REFERENCES member_state (code),
    CONSTRAINT fk_registration_request_gateway FOREIGN KEY (gateway_id) REFERENCES gateway (id),
    CONSTRAINT ck_registration_request_kind CHECK (kind IN ('GATEWAY_REGISTRATION', 'CERTIFICATE_REGISTRATION',
        'CERTIFICATE_ROTATION', 'ENDPOINT_CHANGE')),
    CONSTRAINT ck_registration_request_status CHECK (status IN ('SUBMITTED', 'APPROVED', 'REJECTED', 'CANCELLED')),
    CONSTRAINT ck_registration_request_via CHECK (submitted_via IN ('API', 'CONSOLE', 'SOAP'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_registration_request_status ON registration_request (status, submitted_at);

-- One-time codes the secretariat issues to a member state so that its new gateway can register itself.
-- Only the SHA-256 of the code is stored; the code is shown once when issued.
CREATE TABLE onboarding_code (
    id                 BIGINT       NOT NULL AUTO_INCREMENT,
    member_code        CHAR(2)      NOT NULL,
    code_hash          CHAR(64)     NOT NULL,
    issued_by          VARCHAR(200) NOT NULL,
    issued_at          DATETIME(6)  NOT NULL,
    expires_at         DATETIME(6)  NOT NULL,
    used_at            DATETIME(6)  NULL,
    used_by_request_id BIGINT       NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_onboarding_code_hash UNIQUE (code_hash),
    CONSTRAINT fk_onboarding_code_member FOREIGN KEY (member_code) REFERENCES member_state (code),
    CONSTRAINT fk_onboarding_code_request FOREIGN KEY (used_by_request_id) REFERENCES registration_request (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The directory serial: changes with every registry change, so gateways know when their cached copy is stale.
CREATE TABLE registry_serial (
    id                 TINYINT      NOT NULL,
    serial             BIGINT       NOT NULL,
    changed_at         DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_registry_serial_single CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO registry_serial (id, serial, changed_at) VALUES (1, 1, UTC_TIMESTAMP(6));

-- Alerts for the console (certificate expiry, later failed deliveries...). dedup_key keeps one alert per cause.
CREATE TABLE alert (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    kind               VARCHAR(40)   NOT NULL,
    severity           VARCHAR(8)    NOT NULL,
    dedup_key          VARCHAR(200)  NOT NULL,
    subject            VARCHAR(200)  NOT NULL,
    message            VARCHAR(1000) NOT NULL,
    raised_at          DATETIME(6)   NOT NULL,
    acknowledged_at    DATETIME(6)   NULL,
    acknowledged_by    VARCHAR(200)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_alert_dedup UNIQUE (dedup_key),
    CONSTRAINT ck_alert_severity CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_alert_open ON alert (acknowledged_at, raised_at);
