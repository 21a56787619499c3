package org.originhub.hub.audit.boundary;

import java.security.cert.X509Certificate;

/**
 * Signs audit checkpoints with the hub's key. The seam between the audit log (here, in hub-ejb) and the key, which
 * hub-soap owns and publishes as a CDI bean: hub-ejb must not depend on hub-soap.
 */
public interface CheckpointSigner {

    /** The JCA name of the signature algorithm, one of {@code AuditCheckpointForm.ALGORITHMS}. */
    String algorithm();

    /** Signs {@code data}; the key never leaves the implementation. */
    byte[] sign(byte[] data);

    /** The certificate of the signing key, as stored with every checkpoint. */
    X509Certificate certificate();
}
