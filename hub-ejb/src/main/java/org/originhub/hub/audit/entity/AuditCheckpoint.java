package org.originhub.hub.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A signed checkpoint of the audit chain: the hub's signature over the chain head at {@code seq} (that record's hash,
 * with the time), stored with the signer certificate so that it can be checked without the hub. Written once, never
 * updated (database triggers refuse UPDATE and DELETE). The signed bytes are defined by
 * {@link org.originhub.hub.audit.control.AuditCheckpointForm}.
 */
@Entity
@Table(name = "audit_checkpoint")
public class AuditCheckpoint {

    @Id
    @Column(name = "seq", updatable = false)
    private long seq;

    @Column(name = "head_hash", nullable = false, updatable = false, length = 64)
    private String headHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "signature_algorithm", nullable = false, updatable = false, length = 32)
    private String signatureAlgorithm;

    @Column(name = "signature", nullable = false, updatable = false)
    private byte[] signature;

    @Column(name = "signer_fingerprint", nullable = false, updatable = false, length = 64)
    private String signerFingerprint;

    @Column(name = "signer_certificate", nullable = false, updatable = false)
    private byte[] signerCertificate;

    protected AuditCheckpoint() {
    }

    public AuditCheckpoint(long seq, String headHash, Instant createdAt, String signatureAlgorithm, byte[] signature,
            String signerFingerprint, byte[] signerCertificate) {
        this.seq = seq;
        this.headHash = headHash;
        this.createdAt = createdAt;
        this.signatureAlgorithm = signatureAlgorithm;
        this.signature = signature.clone();
        this.signerFingerprint = signerFingerprint;
        this.signerCertificate = signerCertificate.clone();
    }

    public long seq() {
        return seq;
    }

    public String headHash() {
        return headHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public byte[] signature() {
        return signature.clone();
    }

    public String signerFingerprint() {
        return signerFingerprint;
    }

    public byte[] signerCertificate() {
        return signerCertificate.clone();
    }
}
