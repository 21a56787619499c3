package org.originhub.registry.gateways.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.originhub.registry.errors.ConflictException;
import org.originhub.registry.errors.InvalidInputException;
import org.originhub.registry.memberstates.entity.MemberStateCode;

/**
 * A member state's gateway. Aggregate root of its certificates (kept in {@link GatewayCertificate}, linked by id).
 * Created ACTIVE when its registration request is approved; ACTIVE &lt;-&gt; SUSPENDED; RETIRED is final. A PUSH
 * gateway always has an http(s) endpoint.
 */
@Entity
@Table(name = "gateway")
@NamedQuery(name = Gateway.ALL, query = "SELECT g FROM Gateway g ORDER BY g.memberCode, g.name")
@NamedQuery(name = Gateway.OF_MEMBER,
        query = "SELECT g FROM Gateway g WHERE g.memberCode = :member ORDER BY g.name")
@NamedQuery(name = Gateway.BY_NAME,
        query = "SELECT g FROM Gateway g WHERE g.memberCode = :member AND g.name = :name")
public class Gateway {

    public static final String ALL = "Gateway.all";
    public static final String OF_MEMBER = "Gateway.ofMember";
    public static final String BY_NAME = "Gateway.byName";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "member_code", nullable = false, updatable = false, length = 2)
    private String memberCode;

    @Column(name = "name", nullable = false, updatable = false, length = 100)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_mode", nullable = false, length = 8)
    private DeliveryMode deliveryMode;

    @Column(name = "endpoint_url", length = 500)
    private String endpointUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private GatewayStatus status;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "gateway_document_type", joinColumns = @JoinColumn(name = "gateway_id"))
    private Set<DocumentPermission> permissions = new LinkedHashSet<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "status_changed_at", nullable = false)
    private Instant statusChangedAt;

    @Version
    private long version;

    protected Gateway() {
    }

    public Gateway(MemberStateCode member, String name, DeliveryMode mode, String endpointUrl,
            Collection<DocumentPermission> permissions, Instant now) {
        this.memberCode = member.value();
        this.name = validName(name);
        this.status = GatewayStatus.ACTIVE;
        this.createdAt = now;
        this.statusChangedAt = now;
        changeDelivery(mode, endpointUrl);
        this.permissions.addAll(permissions);
    }

    public static String validName(String name) {
        if (name == null || !name.strip().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new InvalidInputException("InvalidGatewayName", "A gateway name has 1 to 100 letters, digits, "
                    + "'.', '_' or '-' (for example customs-gw), not '" + name + "'");
        }
        return name.strip();
    }

    /** Checks an endpoint for a delivery mode: PUSH needs an absolute http(s) URL; PULL has none. */
    public static String validEndpoint(DeliveryMode mode, String endpointUrl) {
        if (mode == null) {
            throw new InvalidInputException("InvalidDeliveryMode", "A gateway's delivery mode is PUSH or PULL");
        }
        if (mode == DeliveryMode.PULL) {
            return null;
        }
        if (endpointUrl == null || endpointUrl.isBlank()) {
            throw new InvalidInputException("MissingEndpoint", "A PUSH gateway needs the URL of its SOAP endpoint");
        }
        try {
            URI uri = new URI(endpointUrl.strip());
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new InvalidInputException("InvalidEndpoint", "A gateway endpoint is an absolute http(s) URL, "
                        + "not '" + endpointUrl + "'");
            }
            if (uri.toString().length() > 500) {
                throw new InvalidInputException("InvalidEndpoint", "A gateway endpoint URL has at most 500 characters");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new InvalidInputException("InvalidEndpoint", "A gateway endpoint is an absolute http(s) URL, not '"
                    + endpointUrl + "' (" + e.getReason() + ")");
        }
    }

    public final void changeDelivery(DeliveryMode mode, String endpoint) {
        String checked = validEndpoint(mode, endpoint);
        this.deliveryMode = mode;
        this.endpointUrl = checked;
    }

    public void suspend(Instant now) {
        if (status != GatewayStatus.ACTIVE) {
            throw new ConflictException("InvalidTransition", "Cannot suspend gateway " + this + ": it is " + status);
        }
        status = GatewayStatus.SUSPENDED;
        statusChangedAt = now;
    }

    public void reactivate(Instant now) {
        if (status != GatewayStatus.SUSPENDED) {
            throw new ConflictException("InvalidTransition", "Cannot reactivate gateway " + this + ": it is "
                    + status);
        }
        status = GatewayStatus.ACTIVE;
        statusChangedAt = now;
    }

    public boolean mayReceive(DocumentType type) {
        return permissions.contains(new DocumentPermission(Direction.RECEIVE, type));
    }

    public boolean maySend(DocumentType type) {
        return permissions.contains(new DocumentPermission(Direction.SEND, type));
    }

    public boolean isActive() {
        return status == GatewayStatus.ACTIVE;
    }

    public Long id() {
        return id;
    }

    public MemberStateCode memberCode() {
        return new MemberStateCode(memberCode);
    }

    public String name() {
        return name;
    }

    public DeliveryMode deliveryMode() {
        return deliveryMode;
    }

    public String endpointUrl() {
        return endpointUrl;
    }

    public GatewayStatus status() {
        return status;
    }

    public Set<DocumentPermission> permissions() {
        return Collections.unmodifiableSet(permissions);
    }

    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return memberCode + "/" + name;
    }
}
