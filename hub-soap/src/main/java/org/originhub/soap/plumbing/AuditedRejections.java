package org.originhub.soap.plumbing;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.soap.security.RejectionLog;

/**
 * Records the SOAP edge's refusals in the audit log, each in its own transaction (the request it refuses has none):
 * who signed, if anyone could be established, which service and operation, the fault code and its reason.
 */
final class AuditedRejections implements RejectionLog {

    private static final Logger LOG = Logger.getLogger(AuditedRejections.class.getName());

    private final AuditTrail auditTrail;

    AuditedRejections(AuditTrail auditTrail) {
        this.auditTrail = auditTrail;
    }

    @Override
    public void rejected(Rejection rejection) {
        try {
            auditTrail.record(AuditEntry.byGateway(rejection.signerFingerprint() == null ? "unauthenticated"
                    : rejection.signerFingerprint(), rejection.signerMember(), "REQUEST_REJECTED", Outcome.REJECTED)
                    .about("SoapRequest", rejection.service()
                            + (rejection.operation() == null ? "" : "/" + rejection.operation()))
                    .withExchange(null, null, rejection.signerMember(), null)
                    .withRefusal(rejection.code(), rejection.reason()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not audit the refusal " + rejection.code() + " of a request to "
                    + rejection.service(), e);
        }
    }
}
