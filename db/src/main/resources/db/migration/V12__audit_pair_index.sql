-- The records between two member states (the audit search's member + counterpart) must find their first page by
-- reading about one page of index entries, like any other filter. Through audit_member (V9, V11) it is a self-join on
-- seq: MariaDB reads the smaller member state's entries in the range and looks each up in the other until a page
-- concerns both. Two small member states have few records together, so that read most of the smaller one's range (at
-- 10 million records over 90 days: about 37,000 entries, p95 202 ms).
--
-- audit_pair holds one row per ordered pair of distinct member states a record concerns (actor_member,
-- sender_member, recipient_member; both orientations, so either may be asked as the member): an exchange's record
-- two rows, a record concerning three member states six, one concerning a single member state none. Keyed (member,
-- counterpart, seq), the records between two member states are one ordered read of one page, within any range of
-- sequence numbers, newest or oldest first. It carries action, outcome and actor like audit_member, so a residual on
-- them never reads a record; a pair with those filters keeps using the audit_member self-join (AuditLog says why).
CREATE TABLE audit_pair (
    member             CHAR(2)       NOT NULL,
    counterpart        CHAR(2)       NOT NULL,
    seq                BIGINT        NOT NULL,
    action             VARCHAR(64)   NOT NULL,
    outcome            VARCHAR(16)   NOT NULL,
    actor              VARCHAR(200)  NOT NULL,
    PRIMARY KEY (member, counterpart, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Back-filled from audit_member: the rows of one record, paired on seq. audit_member is keyed (member, seq), with no
-- index that starts with seq, so without one the self-join would scan the table for every row. A transient (seq)
-- index makes each counterpart one lookup (the index is narrow and stays in memory; audit_member is read in its key
-- order, so the inserts append at each pair's end); it is dropped afterwards, so appends never pay for it.
ALTER TABLE audit_member ADD INDEX ix_audit_member_seq_backfill (seq);

INSERT INTO audit_pair (member, counterpart, seq, action, outcome, actor)
    SELECT STRAIGHT_JOIN a.member, b.member, a.seq, a.action, a.outcome, a.actor
    FROM audit_member a
    JOIN audit_member b FORCE INDEX (ix_audit_member_seq_backfill) ON b.seq = a.seq AND b.member <> a.member;

ALTER TABLE audit_member DROP INDEX ix_audit_member_seq_backfill;

-- Kept by the database in the statement that appends the record, beside V9's audit_record_members (MariaDB 10.11 runs
-- several AFTER INSERT triggers, in creation order; this one reads only NEW, so the order does not matter). A record's
-- pair rows are written together, so a record put back after a DBA deleted it (behind the append-only triggers),
-- whose pairs are already there, is recognised by its first pair and not indexed again.
DELIMITER $$
CREATE TRIGGER audit_record_pairs AFTER INSERT ON audit_record FOR EACH ROW
BEGIN
    DECLARE m1, m2, m3 CHAR(2) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    SET m1 = NEW.actor_member, m2 = NEW.sender_member, m3 = NEW.recipient_member;
    -- Each member state once (the actor's is usually the sender or the recipient too), the ones present first.
    IF m3 <=> m1 OR m3 <=> m2 THEN
        SET m3 = NULL;
    END IF;
    IF m2 <=> m1 THEN
        SET m2 = NULL;
    END IF;
    IF m2 IS NULL THEN
        SET m2 = m3, m3 = NULL;
    END IF;
    IF m1 IS NULL THEN
        SET m1 = m2, m2 = m3, m3 = NULL;
    END IF;
    IF m2 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM audit_pair
            WHERE member = m1 AND counterpart = m2 AND seq = NEW.seq) THEN
        INSERT INTO audit_pair (member, counterpart, seq, action, outcome, actor) VALUES
            (m1, m2, NEW.seq, NEW.action, NEW.outcome, NEW.actor),
            (m2, m1, NEW.seq, NEW.action, NEW.outcome, NEW.actor);
        IF m3 IS NOT NULL THEN
            INSERT INTO audit_pair (member, counterpart, seq, action, outcome, actor) VALUES
                (m1, m3, NEW.seq, NEW.action, NEW.outcome, NEW.actor),
                (m3, m1, NEW.seq, NEW.action, NEW.outcome, NEW.actor),
                (m2, m3, NEW.seq, NEW.action, NEW.outcome, NEW.actor),
                (m3, m2, NEW.seq, NEW.action, NEW.outcome, NEW.actor);
        END IF;
    END IF;
END$$
DELIMITER ;

-- Append-only, like the records it indexes.
CREATE TRIGGER audit_pair_no_update BEFORE UPDATE ON audit_pair FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit records are append-only';
CREATE TRIGGER audit_pair_no_delete BEFORE DELETE ON audit_pair FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit records are append-only';
