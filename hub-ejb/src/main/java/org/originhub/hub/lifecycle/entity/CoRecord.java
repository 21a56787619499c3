package org.originhub.hub.lifecycle.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One CO in the life-cycle register (issuing member + CO number): its document status, who imports it under which
 * agreement, and the envelope that issued it. Created ISSUED by a NEW (or REPLACE) CO; every later status comes from
 * {@link org.originhub.hub.lifecycle.control.LifecycleRules}, never from anything but a document the hub carried.
 */
@Entity
@Table(name = "co_register")
@IdClass(CoKey.class)
public class CoRecord {

    @Id
    @Column(name = "issuer_member", length = 2)
    private String issuerMember;

    @Id
    @Column(name = "co_number", length = 35)
    private String coNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 24)
    private DocumentStatus status;

    @Column(name = "status_since", nullable = false)
    private Instant statusSince;

    @Column(name = "agreement_code", nullable = false, updatable = false, length = 32)
    private String agreementCode;

    @Column(name = "importing_member", nullable = false, updatable = false, length = 2)
    private String importingMember;

    @Column(name = "issued_by", nullable = false, updatable = false, length = 64)
    private String issuedBy;

    @Column(name = "replaced_by", length = 35)
    private String replacedBy;

    @Column(name = "replaces", updatable = false, length = 35)
    private String replaces;

    @Column(name = "ever_utilised", nullable = false)
    private boolean everUtilised;

    @Column(name = "open_request_number", length = 35)
    private String openRequestNumber;

    @Version
    private long version;

    protected CoRecord() {
    }

    /** A CO issued by the envelope {@code issuedBy}; {@code replaces} is the CO it replaces, if any. */
    public CoRecord(CoKey key, String agreementCode, String importingMember, String issuedBy, String replaces,
            Instant at) {
        this.issuerMember = key.issuerMember();
        this.coNumber = key.coNumber();
        this.agreementCode = agreementCode;
        this.importingMember = importingMember;
        this.issuedBy = issuedBy;
        this.replaces = replaces;
        this.status = DocumentStatus.ISSUED;
        this.statusSince = at;
    }

    /**
     * Moves to {@code next} (already decided by the life-cycle rules) and returns the status it had.
     *
     * @param requestNumber the RequestNumber of a verification request now open, or null
     */
    public DocumentStatus changeTo(DocumentStatus next, Instant at, String requestNumber) {
        DocumentStatus previous = status;
        status = next;
        statusSince = at;
        if (next == DocumentStatus.UTILISED) {
            everUtilised = true;
        }
        openRequestNumber = next == DocumentStatus.VERIFICATION_REQUESTED ? requestNumber : null;
        return previous;
    }

    public void replacedBy(String newCoNumber) {
        this.replacedBy = newCoNumber;
    }

    public CoKey key() {
        return new CoKey(issuerMember, coNumber);
    }

    public String issuerMember() {
        return issuerMember;
    }

    public String coNumber() {
        return coNumber;
    }

    public DocumentStatus status() {
        return status;
    }

    public Instant statusSince() {
        return statusSince;
    }

    public String agreementCode() {
        return agreementCode;
    }

    public String importingMember() {
        return importingMember;
    }

    public String issuedBy() {
        return issuedBy;
    }

    public String replacedBy() {
        return replacedBy;
    }

    public String replaces() {
        return replaces;
    }

    public boolean everUtilised() {
        return everUtilised;
    }

    public String openRequestNumber() {
        return openRequestNumber;
    }
}
