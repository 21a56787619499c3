/**
 * Payload retention and legal holds. After {@code HUB_PAYLOAD_RETENTION} (counted from receipt, for documents no
 * longer pending) a payload is purged: the payload row is deleted and the envelope keeps the time; the envelope, the
 * payload's SHA-256 and size, the delivery history, the CO register and the audit records stay.
 * {@link org.originhub.hub.retention.boundary.LegalHolds} keeps chosen payloads (a CO's, or one exchange's) from the
 * purge while a legal matter needs them; {@link org.originhub.hub.retention.boundary.Retention} runs the purge
 * (daily through {@link org.originhub.hub.retention.boundary.RetentionTimer}, or on the secretariat's request), in
 * bounded batches ({@link org.originhub.hub.retention.control.PayloadPurge}), every purged payload audited.
 */
package org.originhub.hub.retention;
