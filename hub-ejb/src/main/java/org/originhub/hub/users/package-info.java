/**
 * The hub's own users (the secretariat and the auditors), how they prove who they are, and what role they hold:
 * accounts with PBKDF2 password hashes, lockout after repeated failed logins, the first administrator created on an
 * empty database, and the events that let the audit log record every security-relevant change in the same
 * transaction. Member state gateways are not users: they authenticate with X.509 certificates (registry).
 */
package org.originhub.hub.users;
