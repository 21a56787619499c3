/**
 * Password handling without state: PBKDF2 hashing in a self-describing format, the password policy, and generated
 * passwords. No transactions and no persistence here.
 */
package org.originhub.hub.users.control;
