package org.originhub.web.console.registry;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.originhub.registry.gateways.boundary.GatewayView;
import org.originhub.registry.gateways.boundary.Gateways;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.Direction;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.registry.memberstates.boundary.MemberStateView;
import org.originhub.registry.memberstates.boundary.MemberStates;
import org.originhub.registry.requests.boundary.RegistrationRequests;
import org.originhub.registry.requests.boundary.RequestView;
import org.originhub.registry.requests.entity.SubmissionChannel;
import org.originhub.web.console.Allowed;
import org.originhub.web.console.Caller;
import org.originhub.web.console.ConsoleAction;
import org.originhub.web.console.Guarded;
import org.originhub.web.console.Pages;

/** The gateways of every member state, and asking for a new one (a registration request to approve). */
@Named
@ViewScoped
@Guarded
public class GatewaysPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Gateways gateways;

    @Inject
    MemberStates memberStates;

    @Inject
    RegistrationRequests requests;

    @Inject
    Caller caller;

    private String memberFilter;
    private List<GatewayView> rows;
    private List<MemberStateView> members;
    private String memberCode;
    private String name;
    private DeliveryMode deliveryMode = DeliveryMode.PULL;
    private String endpointUrl;
    private List<String> permissions = new ArrayList<>();
    private String comment;
    private transient Part certificate;

    @PostConstruct
    void load() {
        rows = gateways.list(Pages.blankToNull(memberFilter));
        members = memberStates.list();
    }

    @Allowed(ConsoleAction.READ_REGISTRY)
    public void filter() {
        load();
    }

    @Allowed(ConsoleAction.SUBMIT_GATEWAY_REQUESTS)
    public void register() {
        RequestView request = requests.submitGatewayRegistration(caller.actor(), SubmissionChannel.CONSOLE,
                memberCode, name, deliveryMode, Pages.blankToNull(endpointUrl), permissions,
                Uploads.bytes(certificate, "gateway certificate"), Pages.blankToNull(comment));
        Pages.info("Registration request " + request.id() + " submitted for gateway " + request.gatewayName()
                + " (certificate " + request.certificateFingerprint() + "); it takes effect once approved");
        name = null;
        endpointUrl = null;
        comment = null;
        permissions = new ArrayList<>();
        load();
    }

    /** Every permission a gateway can hold, as the registry writes it ({@code SEND:CERTIFICATE_OF_ORIGIN}). */
    public List<String> getPermissionValues() {
        List<String> all = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            for (DocumentType type : DocumentType.values()) {
                all.add(direction + ":" + type);
            }
        }
        return all;
    }

    public List<DeliveryMode> getDeliveryModes() {
        return Arrays.asList(DeliveryMode.values());
    }

    public List<GatewayView> getRows() {
        return rows;
    }

    public List<MemberStateView> getMembers() {
        return members;
    }

    public String getMemberFilter() {
        return memberFilter;
    }

    public void setMemberFilter(String memberFilter) {
        this.memberFilter = memberFilter;
    }

    public String getMemberCode() {
        return memberCode;
    }

    public void setMemberCode(String memberCode) {
        this.memberCode = memberCode;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public DeliveryMode getDeliveryMode() {
        return deliveryMode;
    }

    public void setDeliveryMode(DeliveryMode deliveryMode) {
        this.deliveryMode = deliveryMode;
    }

    public String getEndpointUrl() {
        return endpointUrl;
    }

    public void setEndpointUrl(String endpointUrl) {
        this.endpointUrl = endpointUrl;
    }

    public List<String> getPermissions() {
        return permissions;
    }

    public void setPermissions(List<String> permissions) {
        this.permissions = permissions;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public Part getCertificate() {
        return certificate;
    }

    public void setCertificate(Part certificate) {
        this.certificate = certificate;
    }
}
