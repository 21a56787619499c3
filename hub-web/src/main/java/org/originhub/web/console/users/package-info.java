/** Signing in and out, one's own password, and the administration of users. */
package org.originhub.web.console.users;
