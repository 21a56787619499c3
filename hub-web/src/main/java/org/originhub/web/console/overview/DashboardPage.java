package org.originhub.web.console.overview;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.originhub.hub.alerts.boundary.AlertView;
import org.originhub.hub.alerts.boundary.Alerts;
import org.originhub.hub.alerts.entity.Severity;
import org.originhub.hub.audit.boundary.AuditLog;
import org.originhub.hub.audit.boundary.AuditRecordView;
import org.originhub.hub.audit.boundary.CheckpointView;
import org.originhub.hub.audit.boundary.Checkpoints;
import org.originhub.hub.configuration.boundary.HubStatus;
import org.originhub.hub.delivery.boundary.Deliveries;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.exchange.boundary.ExchangeStatistics;
import org.originhub.registry.authorities.boundary.Authorities;
import org.originhub.registry.authorities.boundary.SignerView;
import org.originhub.registry.gateways.boundary.CertificateView;
import org.originhub.registry.gateways.boundary.GatewayView;
import org.originhub.registry.gateways.boundary.Gateways;
import org.originhub.registry.gateways.entity.GatewayStatus;
import org.originhub.registry.memberstates.boundary.MemberStates;
import org.originhub.registry.memberstates.entity.MemberStatus;
import org.originhub.registry.requests.boundary.RegistrationRequests;
import org.originhub.registry.requests.boundary.RequestView;
import org.originhub.registry.requests.entity.RequestStatus;
import org.originhub.web.console.Allowed;
import org.originhub.web.console.Caller;
import org.originhub.web.console.ConsoleAction;
import org.originhub.web.console.ConsoleView;
import org.originhub.web.console.Guarded;
import org.originhub.web.console.Pages;

/**
 * The figures the secretariat starts its day with, each read from its boundary when the page is shown: gateways by
 * status, member states, open registration requests, open alerts by severity, gateway and authorised-signer
 * certificates that expire within 60 days; the exchange's figures (messages today and over 7 days by corridor and
 * document type, pending and failed deliveries, the age of the oldest pending one, the gateways whose deliveries fail)
 * with the failed deliveries, which administrators and operators resend from here; and for the roles that verify the
 * audit chain, its last verification and the last signed checkpoint; and which hub node answered.
 */
@Named
@RequestScoped
@Guarded
public class DashboardPage {

    static final java.time.Duration EXPIRY_WINDOW = java.time.Duration.ofDays(60);

    @Inject
    Gateways gateways;

    @Inject
    MemberStates memberStates;

    @Inject
    Authorities authorities;

    @Inject
    RegistrationRequests requests;

    @Inject
    Alerts alerts;

    @Inject
    AuditLog auditLog;

    @Inject
    Checkpoints checkpoints;

    @Inject
    ExchangeStatistics exchangeStatistics;

    @Inject
    Deliveries deliveries;

    @Inject
    HubStatus hubStatus;

    @Inject
    Caller caller;

    private List<GatewayView> gatewayRows;
    private long activeMembers;
    private long suspendedMembers;
    private List<RequestView> openRequests;
    private List<AlertView> openAlerts;
    private List<CertificateView> expiring;
    private List<SignerView> expiringSigners;
    private AuditRecordView lastVerification;
    private CheckpointView lastCheckpoint;
    private ExchangeStatistics.Figures exchange;

    @PostConstruct
    void load() {
        gatewayRows = gateways.list(null);
        List<org.originhub.registry.memberstates.boundary.MemberStateView> members = memberStates.list();
        activeMembers = members.stream().filter(m -> m.status() == MemberStatus.ACTIVE).count();
        suspendedMembers = members.stream().filter(m -> m.status() == MemberStatus.SUSPENDED).count();
        openRequests = requests.list(RequestStatus.SUBMITTED);
        openAlerts = alerts.open();
        expiring = gateways.expiringCertificates(EXPIRY_WINDOW);
        expiringSigners = authorities.expiringSigners(EXPIRY_WINDOW);
        exchange = exchangeStatistics.figures();
        if (caller.may(ConsoleAction.VERIFY_AUDIT_CHAIN.name())) {
            lastVerification = auditLog.lastVerification().orElse(null);
            lastCheckpoint = checkpoints.latest().orElse(null);
        }
    }

    /** Resends a FAILED_DELIVERY listed on the dashboard: pending again and due at once. */
    @Allowed(ConsoleAction.RESEND_DELIVERIES)
    public String resend(String trackingNumber) {
        DeliveryStatus status = deliveries.retryNow(caller.actor(), trackingNumber);
        Pages.info("Message " + trackingNumber + " is " + status + " again and will be delivered at once");
        Pages.keepMessages();
        return Pages.redirect(ConsoleView.DASHBOARD);
    }

    /** The hub node that answered this page: with several nodes behind a balancer, which one it was. */
    public String getNode() {
        return hubStatus.nodeName();
    }

    public ExchangeStatistics.Figures getExchange() {
        return exchange;
    }

    /** The age of the oldest pending delivery, e.g. {@code 2 h 5 min}, or a dash when none is pending. */
    public String getOldestPendingAge() {
        Duration age = exchange.oldestPendingAge();
        if (age == null) {
            return "–";
        }
        long minutes = age.toMinutes();
        if (minutes < 1) {
            return age.toSeconds() + " s";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            return minutes / 60 + " h " + minutes % 60 + " min";
        }
        return age.toDays() + " d " + age.toHoursPart() + " h";
    }

    public long getActiveGateways() {
        return gatewayRows.stream().filter(g -> g.status() == GatewayStatus.ACTIVE).count();
    }

    public List<GatewayView> getSuspendedGateways() {
        return gatewayRows.stream().filter(g -> g.status() == GatewayStatus.SUSPENDED).toList();
    }

    public long getActiveMembers() {
        return activeMembers;
    }

    public long getSuspendedMembers() {
        return suspendedMembers;
    }

    public List<RequestView> getOpenRequests() {
        return openRequests;
    }

    public List<AlertView> getOpenAlerts() {
        return openAlerts;
    }

    /** Open alerts per severity, most severe first, severities without alerts left out. */
    public Map<Severity, Long> getAlertsBySeverity() {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (AlertView alert : openAlerts) {
            counts.merge(alert.severity(), 1L, Long::sum);
        }
        return counts;
    }

    public List<Map.Entry<Severity, Long>> getAlertCounts() {
        return List.copyOf(getAlertsBySeverity().entrySet());
    }

    public List<CertificateView> getExpiring() {
        return expiring;
    }

    /** The gateways whose deliveries fail, with their names (from the gateways the page read already). */
    public List<FailingGatewayRow> getFailingGateways() {
        Map<Long, GatewayView> byId = new HashMap<>();
        gatewayRows.forEach(g -> byId.put(g.id(), g));
        return exchange.failingGateways().stream().map(f -> new FailingGatewayRow(f, byId.get(f.gatewayId())))
                .toList();
    }

    /** A failing gateway as the dashboard lists it; {@code gateway} is null if it was removed from the registry. */
    public record FailingGatewayRow(ExchangeStatistics.FailingGateway figures, GatewayView gateway) {

        public String name() {
            return gateway == null ? "gateway " + figures.gatewayId() : gateway.name();
        }
    }

    public CheckpointView getLastCheckpoint() {
        return lastCheckpoint;
    }

    /** Active authorised signers (officials who sign COs) whose certificate expires within 60 days. */
    public List<SignerView> getExpiringSigners() {
        return expiringSigners;
    }

    public AuditRecordView getLastVerification() {
        return lastVerification;
    }

    public boolean isAuditVisible() {
        return caller.may(ConsoleAction.VERIFY_AUDIT_CHAIN.name());
    }
}
