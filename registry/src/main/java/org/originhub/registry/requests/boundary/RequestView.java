package org.originhub.registry.requests.boundary;

import java.time.Instant;
import java.util.List;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentPermission;
import org.originhub.registry.requests.entity.RegistrationRequest;
import org.originhub.registry.requests.entity.RequestKind;
import org.originhub.registry.requests.entity.RequestStatus;
import org.originhub.registry.requests.entity.SubmissionChannel;

/** A registration request as the edges show it (the certificate by fingerprint only). */
public record RequestView(Long id, RequestKind kind, RequestStatus status, String memberCode, Long gatewayId,
        String gatewayName, DeliveryMode deliveryMode, String endpointUrl, List<String> permissions,
        String certificateFingerprint, String submittedBy, SubmissionChannel submittedVia, Instant submittedAt,
        String comment, String decidedBy, Instant decidedAt, String decisionReason) {

    public static RequestView of(RegistrationRequest r) {
        return new RequestView(r.id(), r.kind(), r.status(), r.memberCode(), r.gatewayId(), r.gatewayName(),
                r.deliveryMode(), r.endpointUrl(),
                r.permissions().stream().map(DocumentPermission::toString).toList(), r.certificateFingerprint(),
                r.submittedBy(), r.submittedVia(), r.submittedAt(), r.comment(), r.decidedBy(), r.decidedAt(),
                r.decisionReason());
    }
}
