package org.originhub.hub.alerts.boundary;

import java.time.Instant;
import org.originhub.hub.alerts.entity.Alert;
import org.originhub.hub.alerts.entity.Severity;

/** An alert as the edges show it. */
public record AlertView(Long id, String kind, Severity severity, String subject, String message, Instant raisedAt,
        Instant acknowledgedAt, String acknowledgedBy) {

    static AlertView of(Alert a) {
        return new AlertView(a.id(), a.kind(), a.severity(), a.subject(), a.message(), a.raisedAt(),
                a.acknowledgedAt(), a.acknowledgedBy());
    }
}
