-- The registry version: moves in the transaction of every registry change that is not a refusal (RegistryReads), so
-- each hub node can tell by one primary-key read whether what it keeps of the registry is still current. A table of
-- its own rather than a column of registry_serial: the directory serial is part of the signed directory and moves
-- only with what gateways download; this version moves with every change that is not a refusal (warnings and
-- requests included), and the two keep their meanings apart.
CREATE TABLE registry_version (
    id                 TINYINT      NOT NULL,
    version            BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_registry_version_single CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO registry_version (id, version) VALUES (1, 1);
