package org.originhub.web.console.registry;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.originhub.hub.exchange.boundary.ExchangeStatistics;
import org.originhub.registry.gateways.boundary.CertificateView;
import org.originhub.registry.gateways.boundary.GatewayView;
import org.originhub.registry.gateways.boundary.Gateways;
import org.originhub.registry.requests.boundary.RegistrationRequests;
import org.originhub.registry.requests.boundary.RequestView;
import org.originhub.registry.requests.entity.SubmissionChannel;
import org.originhub.web.console.Allowed;
import org.originhub.web.console.Caller;
import org.originhub.web.console.ConsoleAction;
import org.originhub.web.console.Guarded;
import org.originhub.web.console.Pages;

/**
 * One gateway ({@code gateway.xhtml?id=}): endpoint, delivery mode, permissions and every certificate with its parsed
 * details; suspend and reactivate, revoke a certificate, request a new one, activate a staged one; and the recent
 * deliveries to and from its member state, read from the exchange's statistics: envelope routing and delivery state
 * only (no CO number, no acknowledgement text, no payload), the same kind of facts the dashboard shows every staff
 * role about failed deliveries. Opening one exchange is the message log's, for the roles it serves.
 */
@Named
@ViewScoped
@Guarded
public class GatewayPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Deliveries the page lists, newest first (the message log has them all). */
    static final int RECENT_DELIVERIES = 25;

    @Inject
    Gateways gateways;

    @Inject
    RegistrationRequests requests;

    @Inject
    ExchangeStatistics exchangeStatistics;

    @Inject
    Caller caller;

    private Long id;
    private GatewayView gateway;
    private List<CertificateView> certificates;
    private List<ExchangeStatistics.RecentDelivery> deliveries;
    private String reason;
    private final Map<String, String> revocationReasons = new HashMap<>();
    private transient Part certificate;

    /** The view action of a GET: loads the gateway named by the {@code id} parameter. */
    @Allowed(ConsoleAction.READ_REGISTRY)
    public void open() {
        if (id == null) {
            Pages.error("No gateway chosen: open one from the list of gateways");
            return;
        }
        reload();
    }

    private void reload() {
        gateway = gateways.find(id);
        certificates = gateways.certificates(id);
        deliveries = exchangeStatistics.recentDeliveries(gateway.memberCode(), RECENT_DELIVERIES);
    }

    @Allowed(ConsoleAction.OPERATE_GATEWAYS)
    public void suspend() {
        gateway = gateways.suspend(caller.actor(), id, Pages.blankToNull(reason));
        Pages.info("Gateway " + gateway.name() + " suspended: its messages are refused until reactivated");
        reason = null;
        reload();
    }

    @Allowed(ConsoleAction.OPERATE_GATEWAYS)
    public void reactivate() {
        gateway = gateways.reactivate(caller.actor(), id, Pages.blankToNull(reason));
        Pages.info("Gateway " + gateway.name() + " reactivated");
        reason = null;
        reload();
    }

    @Allowed(ConsoleAction.REVOKE_CERTIFICATES)
    public void revoke(String fingerprint) {
        gateways.revokeCertificate(caller.actor(), fingerprint, Pages.blankToNull(revocationReasons.remove(fingerprint)));
        Pages.info("Certificate " + fingerprint + " revoked: the next message signed with it is refused");
        reload();
    }

    @Allowed(ConsoleAction.OPERATE_GATEWAYS)
    public void activateStaged() {
        CertificateView active = gateways.activateStaged(caller.actor(), id);
        Pages.info("Certificate " + active.fingerprint() + " is now the gateway's active certificate");
        reload();
    }

    @Allowed(ConsoleAction.SUBMIT_GATEWAY_REQUESTS)
    public void submitCertificate() {
        RequestView request = requests.submitCertificate(caller.actor(), SubmissionChannel.CONSOLE, id,
                Uploads.bytes(certificate, "gateway certificate"), null, false);
        Pages.info("Request " + request.id() + " (" + request.kind() + ") submitted for certificate "
                + request.certificateFingerprint());
        reload();
    }

    public boolean isLoaded() {
        return gateway != null;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public GatewayView getGateway() {
        return gateway;
    }

    public List<CertificateView> getCertificates() {
        return certificates;
    }

    public List<ExchangeStatistics.RecentDelivery> getDeliveries() {
        return deliveries;
    }

    public int getRecentDeliveries() {
        return RECENT_DELIVERIES;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Map<String, String> getRevocationReasons() {
        return revocationReasons;
    }

    public Part getCertificate() {
        return certificate;
    }

    public void setCertificate(Part certificate) {
        this.certificate = certificate;
    }
}
