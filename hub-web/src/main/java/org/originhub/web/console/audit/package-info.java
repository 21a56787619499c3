/** The console's audit log page: filters, lazy keyset paging, exports, chain verification. */
package org.originhub.web.console.audit;
