package org.originhub.registry.certificates.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Lob;
import java.time.Instant;

/**
 * A certificate as the registry keeps it, wherever it is kept (trust anchors, gateway certificates, authorised
 * signers): the DER, and the facts read from it once, with the SHA-256 fingerprint that lookups use. Immutable; the
 * same column names in every table.
 */
@Embeddable
public class StoredCertificate {

    @Column(name = "fingerprint", nullable = false, updatable = false, length = 64)
    private String fingerprint;

    @Column(name = "subject", nullable = false, updatable = false, length = 1000)
    private String subject;

    @Column(name = "issuer", nullable = false, updatable = false, length = 1000)
    private String issuer;

    @Column(name = "serial_number", nullable = false, updatable = false, length = 80)
    private String serialNumber;

    @Column(name = "not_before", nullable = false, updatable = false)
    private Instant notBefore;

    @Column(name = "not_after", nullable = false, updatable = false)
    private Instant notAfter;

    // Not LAZY: with weaving, EclipseLink loads a lazy basic by refreshing the owner's fetch group, which discards
    // unflushed changes made earlier in the same transaction.
    @Lob
    @Column(name = "der", nullable = false, updatable = false)
    private byte[] der;

    protected StoredCertificate() {
    }

    public StoredCertificate(CertificateData data) {
        this.fingerprint = data.fingerprint();
        this.subject = data.subject();
        this.issuer = data.issuer();
        this.serialNumber = data.serialNumber();
        this.notBefore = data.notBefore();
        this.notAfter = data.notAfter();
        this.der = data.der().clone();
    }

    /** Within validity at {@code at}: from notBefore (inclusive) to notAfter (exclusive). */
    public boolean validAt(Instant at) {
        return !at.isBefore(notBefore) && at.isBefore(notAfter);
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String subject() {
        return subject;
    }

    public String issuer() {
        return issuer;
    }

    public String serialNumber() {
        return serialNumber;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public Instant notAfter() {
        return notAfter;
    }

    public byte[] der() {
        return der.clone();
    }
}
