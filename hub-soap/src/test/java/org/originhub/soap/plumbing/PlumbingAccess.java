package org.originhub.soap.plumbing;

import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.soap.security.RejectionLog;

/** The servlet's own rejection log, for tests that wire the SOAP edge outside the container. */
public final class PlumbingAccess {

    private PlumbingAccess() {
    }

    /** What {@code HubServicesServlet} gives the pipeline: refusals recorded as REQUEST_REJECTED audit records. */
    public static RejectionLog auditedRejections(AuditTrail auditTrail) {
        return new AuditedRejections(auditTrail);
    }
}
