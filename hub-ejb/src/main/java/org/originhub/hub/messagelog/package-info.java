/**
 * The auditors' message log: the exchange as auditors see it, read-only. Envelopes searched with filters (time,
 * member as sender or recipient, counterpart, sender, recipient, CO number, tracking number, document type, delivery
 * status), counted, and paged by keyset in both directions, exported as JSON lines or CSV; per exchange its delivery
 * history, acknowledgement, CO life cycle and audit records; payload downloads. Member auditors see their own member
 * state's exchanges only (the rule the audit log applies too:
 * {@link org.originhub.hub.audit.control.MemberScope}), and every read is itself audited
 * ({@link org.originhub.hub.messagelog.boundary.MessageLog}); the SQL that reads a page through the indexes is
 * {@link org.originhub.hub.messagelog.control.MessageQueryPlanner}'s. Owns no table: it reads the exchange,
 * life-cycle, retention and audit features' entities.
 */
package org.originhub.hub.messagelog;
