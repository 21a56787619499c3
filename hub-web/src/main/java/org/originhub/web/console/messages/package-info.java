/**
 * The console's message pages: the message log searched and paged lazily, one exchange with its timeline (delivery
 * attempts, acknowledgement, CO life cycle, audit records), its payload and resend, and the CO lookup. They read
 * through {@code MessageLog}, which scopes member auditors and records every read.
 */
package org.originhub.web.console.messages;
