package org.originhub.bench.echo;

import org.apache.cxf.jaxws.EndpointImpl;
import org.originhub.gatewaykit.security.GatewayKeystore;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.gatewaykit.security.WsSecurityProfile;

/**
 * The echo's WS-Security, the hub's profile and nothing more: a request must carry a Timestamp and one RSA-SHA256
 * signature (exclusive C14N, SHA-256 digests) over its Body and Timestamp by the pinned client certificate; the
 * answer is signed the same way with the echo's key. No trust chain, registry or replay check runs.
 */
public final class EchoService {

    private EchoService() {
    }

    /** Secures {@code endpoint} (not yet published) with {@code key} and the client certificates it accepts. */
    public static void secure(EndpointImpl endpoint, GatewayKeystore key, PinnedCertificates clients) {
        WsSecurityProfile.verifyRequests(endpoint, clients);
        endpoint.getOutInterceptors().add(WsSecurityProfile.signer(key));
    }
}
