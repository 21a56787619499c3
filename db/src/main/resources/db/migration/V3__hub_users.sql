-- The hub's own users: the secretariat and the auditors who sign in to the console and the admin REST API.
-- Passwords are stored only as self-describing PBKDF2 hashes (algorithm$iterations$salt$hash), never in clear.
-- The username's collation is case-insensitive, so 'Admin' and 'admin' cannot both exist.
-- member_code (ISO 3166-1 alpha-2) scopes a MEMBER_AUDITOR to one member state and is empty for every other role.
CREATE TABLE hub_user (
    id                    BIGINT       NOT NULL AUTO_INCREMENT,
    username              VARCHAR(64)  NOT NULL,
    password_hash         VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    role                  VARCHAR(20)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    member_code           CHAR(2)      CHARACTER SET ascii COLLATE ascii_bin NULL,
    status                VARCHAR(10)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    failed_logins         INT          NOT NULL DEFAULT 0,
    locked_until          DATETIME(6)  NULL,
    password_changed_at   DATETIME(6)  NOT NULL,
    must_change_password  BOOLEAN      NOT NULL,
    created_at            DATETIME(6)  NOT NULL,
    created_by            VARCHAR(64)  NOT NULL,
    version               BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_hub_user_username UNIQUE (username),
    CONSTRAINT ck_hub_user_role CHECK (role IN ('SECRETARIAT_ADMIN', 'OPERATOR', 'AUDITOR', 'MEMBER_AUDITOR')),
    CONSTRAINT ck_hub_user_status CHECK (status IN ('ACTIVE', 'DISABLED')),
    CONSTRAINT ck_hub_user_member_code CHECK (
        (role = 'MEMBER_AUDITOR' AND member_code IS NOT NULL AND member_code REGEXP '^[A-Z]{2}$')
        OR (role <> 'MEMBER_AUDITOR' AND member_code IS NULL)),
    CONSTRAINT ck_hub_user_failed_logins CHECK (failed_logins >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
