package org.originhub.web.security;

import org.originhub.registry.requests.entity.RequestKind;

/**
 * Who decides which registration request, for both edges (admin API and console): operators decide routine requests
 * (certificate rotations, endpoint changes); a new gateway or a gateway's first certificate needs a secretariat
 * administrator, since it admits a new party to the exchange.
 */
public final class RequestDecisions {

    private RequestDecisions() {
    }

    public static boolean isRoutine(RequestKind kind) {
        return kind == RequestKind.CERTIFICATE_ROTATION || kind == RequestKind.ENDPOINT_CHANGE;
    }

    public static boolean mayDecide(RequestKind kind, boolean administrator) {
        return administrator || isRoutine(kind);
    }
}
