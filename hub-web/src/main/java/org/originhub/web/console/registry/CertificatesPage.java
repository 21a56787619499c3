package org.originhub.web.console.registry;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.originhub.registry.certificates.boundary.CrlView;
import org.originhub.registry.certificates.boundary.TrustAnchorView;
import org.originhub.registry.certificates.boundary.TrustAnchors;
import org.originhub.registry.gateways.boundary.CertificateView;
import org.originhub.registry.gateways.boundary.Gateways;
import org.originhub.web.console.Allowed;
import org.originhub.web.console.Caller;
import org.originhub.web.console.ConsoleAction;
import org.originhub.web.console.Guarded;
import org.originhub.web.console.Pages;

/**
 * Trust anchors (import a CA certificate, import its CRL, retire it), gateway certificates that expire within 60 days,
 * and any gateway certificate by fingerprint with its parsed details (revoke it with a reason).
 */
@Named
@ViewScoped
@Guarded
public class CertificatesPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final Duration EXPIRY_WINDOW = Duration.ofDays(60);

    @Inject
    TrustAnchors anchors;

    @Inject
    Gateways gateways;

    @Inject
    Caller caller;

    private List<TrustAnchorView> anchorRows;
    private List<CertificateView> expiring;
    private String anchorName;
    private transient Part anchorFile;
    private Long crlAnchor;
    private transient Part crlFile;
    private final Map<Long, String> retireReasons = new HashMap<>();
    private TrustAnchorView imported;
    private String fingerprint;
    private CertificateView found;
    private String revocationReason;

    @PostConstruct
    void load() {
        anchorRows = anchors.list();
        expiring = gateways.expiringCertificates(EXPIRY_WINDOW);
    }

    @Allowed(ConsoleAction.MANAGE_TRUST_ANCHORS)
    public void importAnchor() {
        imported = anchors.importAnchor(caller.actor(), anchorName, Uploads.bytes(anchorFile, "CA certificate"));
        Pages.info("Trust anchor " + imported.name() + " imported, fingerprint " + imported.fingerprint());
        anchorName = null;
        load();
    }

    @Allowed(ConsoleAction.MANAGE_TRUST_ANCHORS)
    public void importCrl() {
        CrlView crl = anchors.importCrl(caller.actor(), crlAnchor, Uploads.bytes(crlFile, "CRL"));
        Pages.info("CRL imported: " + crl.entries() + " revoked serial numbers, " + crl.revokedRegisteredCertificates()
                .size() + " registered certificates revoked by it");
        load();
    }

    @Allowed(ConsoleAction.MANAGE_TRUST_ANCHORS)
    public void retire(Long anchor) {
        TrustAnchorView retired = anchors.retire(caller.actor(), anchor, Pages.blankToNull(retireReasons.remove(anchor)));
        Pages.info("Trust anchor " + retired.name() + " retired");
        load();
    }

    @Allowed(ConsoleAction.READ_REGISTRY)
    public void lookUp() {
        found = gateways.certificate(Pages.blankToNull(fingerprint));
    }

    @Allowed(ConsoleAction.REVOKE_CERTIFICATES)
    public void revoke() {
        found = gateways.revokeCertificate(caller.actor(), found.fingerprint(), Pages.blankToNull(revocationReason));
        Pages.info("Certificate " + found.fingerprint() + " revoked: the next message signed with it is refused");
        revocationReason = null;
        load();
    }

    public List<TrustAnchorView> getAnchors() {
        return anchorRows;
    }

    public List<CertificateView> getExpiring() {
        return expiring;
    }

    public TrustAnchorView getImported() {
        return imported;
    }

    public CertificateView getFound() {
        return found;
    }

    public Map<Long, String> getRetireReasons() {
        return retireReasons;
    }

    public String getAnchorName() {
        return anchorName;
    }

    public void setAnchorName(String anchorName) {
        this.anchorName = anchorName;
    }

    public Part getAnchorFile() {
        return anchorFile;
    }

    public void setAnchorFile(Part anchorFile) {
        this.anchorFile = anchorFile;
    }

    public Long getCrlAnchor() {
        return crlAnchor;
    }

    public void setCrlAnchor(Long crlAnchor) {
        this.crlAnchor = crlAnchor;
    }

    public Part getCrlFile() {
        return crlFile;
    }

    public void setCrlFile(Part crlFile) {
        this.crlFile = crlFile;
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public void setFingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    public String getRevocationReason() {
        return revocationReason;
    }

    public void setRevocationReason(String revocationReason) {
        this.revocationReason = revocationReason;
    }
}
