-- Signatures of accepted SOAP requests, shared by every hub node, so that a captured message cannot be sent again
-- through any node. The key is the SHA-256 of the signature value (lowercase hex); the primary key makes
-- "insert or detect the duplicate" atomic across nodes. A row is needed only until the message's timestamp would be
-- refused anyway (keep_until); a scheduled purge deletes older rows.
CREATE TABLE replay_guard (
    signature_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    keep_until     DATETIME(6) NOT NULL,
    recorded_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (signature_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_replay_guard_keep_until ON replay_guard (keep_until);
