package org.originhub.hub.audit.boundary;

import java.util.List;

/** One page of records; {@code next} is the {@code after} value for the following page, null on the last page. */
public record AuditPage(List<AuditRecordView> records, Long next) {
}
