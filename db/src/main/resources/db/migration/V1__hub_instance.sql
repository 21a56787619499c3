-- The hub's own identity: one row, created on first start, kept for the life of the database.
-- Its instance id tells operators (and the launcher's restart check) which database a hub runs on.
CREATE TABLE hub_instance (
    id            TINYINT      NOT NULL,
    instance_id   CHAR(36)     NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_hub_instance_single CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Each start of a hub node, so that restarts are visible to operators.
CREATE TABLE hub_start (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    node_name     VARCHAR(100) NOT NULL,
    hub_version   VARCHAR(40)  NOT NULL,
    started_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_hub_start_started_at ON hub_start (started_at);
