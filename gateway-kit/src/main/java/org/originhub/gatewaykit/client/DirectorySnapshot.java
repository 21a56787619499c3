package org.originhub.gatewaykit.client;

import java.security.cert.X509Certificate;

/**
 * The registry's directory as the hub published it: an XML document (urn:originhub:directory:v1) whose SHA256withRSA
 * signature by the hub {@link HubClient#directory} has verified against the pinned hub certificate. Keep the bytes
 * as they are: with {@code signature} they stay verifiable at any later time.
 *
 * @param notModified true when the caller's known serial is current; then document, signature and certificate are null
 */
public record DirectorySnapshot(long serial, boolean notModified, byte[] document, byte[] signature,
        X509Certificate hubCertificate) {

    public DirectorySnapshot {
        document = document == null ? null : document.clone();
        signature = signature == null ? null : signature.clone();
    }

    @Override
    public byte[] document() {
        return document == null ? null : document.clone();
    }

    @Override
    public byte[] signature() {
        return signature == null ? null : signature.clone();
    }
}
