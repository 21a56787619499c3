package org.originhub.hub.audit.boundary;

import java.util.Base64;
import org.originhub.hub.audit.control.AuditCanonicalForm;
import org.originhub.hub.audit.entity.AuditCheckpoint;

/**
 * A signed checkpoint as published: {@code createdAt} in the canonical six-digit UTC format, {@code signature} and
 * {@code signerCertificate} (DER) in base64. The signed bytes are described in
 * {@link org.originhub.hub.audit.control.AuditCheckpointForm}.
 */
public record CheckpointView(long seq, String hash, String createdAt, String signatureAlgorithm, String signature,
        String signerFingerprint, String signerCertificate) {

    public static CheckpointView of(AuditCheckpoint c) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new CheckpointView(c.seq(), c.headHash(), AuditCanonicalForm.formatTime(c.createdAt()),
                c.signatureAlgorithm(), base64.encodeToString(c.signature()), c.signerFingerprint(),
                base64.encodeToString(c.signerCertificate()));
    }
}
