package org.originhub.gatewaykit.client;

import java.time.Instant;
import org.originhub.gatewaykit.security.Sha256;

/**
 * A document as the recipient gets it, pulled or pushed: the sender's envelope and payload unchanged, with what the
 * hub recorded on receipt. The same tracking number can arrive more than once: treat it idempotently.
 *
 * @param receivedAt when the hub accepted the submission
 * @param payloadSha256 SHA-256 of the payload as the hub received it (the sender's receipt has the same value)
 * @param senderCertificateSha256 the fingerprint of the gateway certificate that signed the submission
 */
public record ReceivedDocument(String trackingNumber, Instant receivedAt, DocumentEnvelope envelope, String mediaType,
        byte[] payload, String payloadSha256, String senderCertificateSha256) {

    public ReceivedDocument {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload's bytes hash to the SHA-256 the hub recorded: nothing was altered on the way. */
    public boolean payloadIntact() {
        return Sha256.hex(payload).equals(payloadSha256);
    }
}
