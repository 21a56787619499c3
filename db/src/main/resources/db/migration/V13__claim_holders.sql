-- Which start of which hub node holds each PUSH delivery claim, so that claims need not wait out their lease when
-- the node is known to be gone: a node that starts again releases what its earlier starts held (same claimed_by,
-- other claimed_by_start), and the survivors release what a node that left the data grid held (exactly its
-- incarnation). Both columns are NULL whenever claim_token is.
ALTER TABLE exchange_message
    ADD COLUMN claimed_by        VARCHAR(32) NULL AFTER claimed_until,
    ADD COLUMN claimed_by_start  VARCHAR(32) NULL AFTER claimed_by;

-- the releases find a node's claims without scanning the messages
CREATE INDEX ix_exchange_claimed_by ON exchange_message (claimed_by, claimed_by_start);

-- the start id of each recorded start, as its claims carry it
ALTER TABLE hub_start
    ADD COLUMN start_id VARCHAR(32) NULL AFTER node_name;
