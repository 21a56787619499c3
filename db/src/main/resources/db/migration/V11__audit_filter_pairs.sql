-- Two of the audit search's equality filters together (action, outcome, actor), and a member state with action and
-- outcome, must find the first page like one filter does: by reading about one page of index entries in sequence
-- order. With only (column, seq) indexes (V7, V9), one equality is read in order and the other is a row filter: the
-- newest page of "DELIVERY_ATTEMPTED + FAILED" read every delivery attempt until a page had failed (at 10 million
-- records, p95 7.9 s over 90 days). InnoDB keeps the entries of (a, b, seq) in sequence order for each (a, b), so
-- each pair below is one ordered read of one page, newest or oldest first, within any range of sequence numbers.
-- All three together use (actor, outcome, seq) and check the action on the records found (AuditLog says why).
ALTER TABLE audit_record
    ADD INDEX ix_audit_action_outcome_seq (action, outcome, seq),
    ADD INDEX ix_audit_actor_action_seq (actor, action, seq),
    ADD INDEX ix_audit_actor_outcome_seq (actor, outcome, seq);

-- A member state with action and outcome (e.g. the failed deliveries to it). Member + actor + another filter keeps
-- using (member, actor, seq) and checks the other on the rows it finds. A counterpart (a second member state) is a
-- self-join of audit_member on seq through these same indexes.
ALTER TABLE audit_member
    ADD INDEX ix_audit_member_action_outcome (member, action, outcome, seq);
