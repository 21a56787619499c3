package org.originhub.registry.requests.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.registry.certificates.boundary.CertificateInUse;
import org.originhub.registry.certificates.boundary.CheckedCertificate;
import org.originhub.registry.certificates.boundary.TrustAnchors;
import org.originhub.registry.errors.ConflictException;
import org.originhub.registry.errors.InvalidInputException;
import org.originhub.registry.errors.NotFoundException;
import org.originhub.registry.errors.RequestRefusedException;
import org.originhub.registry.events.Actor;
import org.originhub.registry.events.RegistryAction;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.gateways.boundary.Gateways;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentPermission;
import org.originhub.registry.gateways.entity.Gateway;
import org.originhub.registry.gateways.entity.GatewayCertificate;
import org.originhub.registry.memberstates.boundary.MemberStates;
import org.originhub.registry.memberstates.entity.MemberState;
import org.originhub.registry.requests.entity.OnboardingCode;
import org.originhub.registry.requests.entity.RegistrationRequest;
import org.originhub.registry.requests.entity.RequestKind;
import org.originhub.registry.requests.entity.RequestStatus;
import org.originhub.registry.requests.entity.SubmissionChannel;

/**
 * Submits, decides and lists registration requests, and issues onboarding codes. Submission checks everything it can
 * (member, names, certificate policy) so the secretariat decides on valid requests only; approval checks the
 * certificate again, because it may have been revoked or expired while the request waited.
 */
@Stateless
public class RegistrationRequests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Event<RegistryChanged> changes;

    @Inject
    MemberStates memberStates;

    @Inject
    Gateways gateways;

    @Inject
    TrustAnchors trustAnchors;

    /** Auto-approve a rotation requested with the current active key whose new certificate has the same anchor. */
    @Inject
    @ConfigProperty(name = "HUB_AUTO_APPROVE_ROTATION", defaultValue = "false")
    boolean autoApproveRotation;

    Clock clock = Clock.systemUTC();

    public RequestView submitGatewayRegistration(Actor actor, SubmissionChannel via, String memberCode,
            String gatewayName, DeliveryMode mode, String endpoint, List<String> permissions, byte[] certificate,
            String comment) {
        MemberState member = activeMember(memberCode);
        String name = Gateway.validName(gatewayName);
        String checkedEndpoint = Gateway.validEndpoint(mode, endpoint);
        List<DocumentPermission> parsed = parsePermissions(permissions);
        if (gateways.byName(member.code().value(), name).isPresent() || !em.createNamedQuery(
                RegistrationRequest.OPEN_FOR_GATEWAY_NAME, RegistrationRequest.class)
                .setParameter("member", member.code().value()).setParameter("name", name).getResultList().isEmpty()) {
            throw new ConflictException("DuplicateGateway", "Member state " + member.code() + " already has a gateway "
                    + "(or an open registration) named " + name);
        }
        CheckedCertificate checked = trustAnchors.checkCertificate(certificate, clock.instant());
        RegistrationRequest request = RegistrationRequest.gatewayRegistration(member.code().value(), name, mode,
                checkedEndpoint, parsed, checked.data().der(), checked.data().fingerprint(), actor.name(), via,
                comment, clock.instant());
        return submitted(actor, request);
    }

    /**
     * A gateway registering itself over SOAP: the request is signed with the candidate certificate's key (checked by
     * the caller) and quotes a one-time onboarding code issued for that member state. A missing, wrong, used or
     * expired code is refused and the refusal is audited.
     */
    public RequestView submitSelfRegistration(Actor actor, String memberCode, String onboardingCode,
            String gatewayName, DeliveryMode mode, String endpoint, List<String> permissions, byte[] certificate,
            String comment) {
        String member = memberStates.entity(memberCode).code().value();
        Optional<OnboardingCode> code = onboardingCode == null || onboardingCode.isBlank() ? Optional.empty()
                : em.createNamedQuery(OnboardingCode.BY_HASH, OnboardingCode.class)
                        .setParameter("hash", hash(normaliseCode(onboardingCode)))
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
        String refusal = code.isEmpty() ? "no valid onboarding code was given"
                : code.get().refusal(member, clock.instant());
        if (refusal != null) {
            changes.fire(RegistryChanged.refusal(actor, RegistryAction.REGISTRATION_REQUEST_REFUSED, "Gateway",
                    gatewayName, member, refusal));
            throw new RequestRefusedException("InvalidOnboardingCode", "Gateway registration refused: " + refusal
                    + ". Ask the secretariat for a new onboarding code for " + member + ".");
        }
        RequestView view = submitGatewayRegistration(actor, SubmissionChannel.SOAP, member, gatewayName, mode,
                endpoint, permissions, certificate, comment);
        code.get().use(view.id(), clock.instant());
        return view;
    }

    /**
     * A new certificate for an existing gateway. {@code signedWithActiveKey} says the request was signed with the
     * gateway's current active certificate (a SOAP rotation); only then may the auto-approval policy apply.
     */
    public RequestView submitCertificate(Actor actor, SubmissionChannel via, Long gatewayId, byte[] certificate,
            String comment, boolean signedWithActiveKey) {
        Gateway gateway = gateways.entity(gatewayId);
        activeMember(gateway.memberCode().value());
        Optional<GatewayCertificate> active = gateways.activeCertificate(gatewayId);
        CheckedCertificate checked = trustAnchors.checkCertificate(certificate, clock.instant());
        RequestKind kind = active.isPresent() ? RequestKind.CERTIFICATE_ROTATION
                : RequestKind.CERTIFICATE_REGISTRATION;
        RegistrationRequest request = RegistrationRequest.certificate(kind, gateway.memberCode().value(), gatewayId,
                checked.data().der(), checked.data().fingerprint(), actor.name(), via, comment, clock.instant());
        RequestView view = submitted(actor, request);
        if (kind == RequestKind.CERTIFICATE_ROTATION && autoApproveRotation && signedWithActiveKey
                && active.get().anchorId().equals(checked.anchorId())) {
            return approve(Actor.hub(), view.id(), "auto-approved: rotation requested with the active key, "
                    + "new certificate from the same trust anchor");
        }
        return view;
    }

    public RequestView submitEndpointChange(Actor actor, SubmissionChannel via, Long gatewayId, DeliveryMode mode,
            String endpoint, String comment) {
        Gateway gateway = gateways.entity(gatewayId);
        activeMember(gateway.memberCode().value());
        String checked = Gateway.validEndpoint(mode, endpoint);
        return submitted(actor, RegistrationRequest.endpointChange(gateway.memberCode().value(), gatewayId, mode,
                checked, actor.name(), via, comment, clock.instant()));
    }

    /** Applies the request to the registry and records the decision. */
    public RequestView approve(Actor actor, Long id, String reason) {
        RegistrationRequest request = locked(id);
        request.approve(actor.name(), reason, clock.instant());
        switch (request.kind()) {
            case GATEWAY_REGISTRATION -> {
                CheckedCertificate certificate = recheck(request);
                Gateway gateway = gateways.create(actor, activeMember(request.memberCode()), request.gatewayName(),
                        request.deliveryMode(), request.endpointUrl(), request.permissions(), certificate);
                request.gatewayCreated(gateway.id());
            }
            case CERTIFICATE_REGISTRATION, CERTIFICATE_ROTATION ->
                gateways.addCertificate(actor, gateways.entity(request.gatewayId()), recheck(request));
            case ENDPOINT_CHANGE -> gateways.changeDelivery(actor, gateways.entity(request.gatewayId()),
                    request.deliveryMode(), request.endpointUrl());
            default -> throw new IllegalStateException("unknown request kind " + request.kind());
        }
        decided(actor, RegistryAction.REGISTRATION_APPROVED, request);
        return RequestView.of(request);
    }

    public RequestView reject(Actor actor, Long id, String reason) {
        RegistrationRequest request = locked(id);
        request.reject(actor.name(), reason, clock.instant());
        decided(actor, RegistryAction.REGISTRATION_REJECTED, request);
        return RequestView.of(request);
    }

    public RequestView cancel(Actor actor, Long id) {
        RegistrationRequest request = locked(id);
        request.cancel(actor.name(), clock.instant());
        decided(actor, RegistryAction.REGISTRATION_CANCELLED, request);
        return RequestView.of(request);
    }

    public RequestView find(Long id) {
        return RequestView.of(entity(id));
    }

    public List<RequestView> list(RequestStatus status) {
        List<RegistrationRequest> found = status == null
                ? em.createNamedQuery(RegistrationRequest.ALL, RegistrationRequest.class).getResultList()
                : em.createNamedQuery(RegistrationRequest.IN_STATUS, RegistrationRequest.class)
                        .setParameter("status", status).getResultList();
        return found.stream().map(RequestView::of).toList();
    }

    /** A one-time code for a member state's gateway to register itself; the code itself is never stored. */
    public IssuedOnboardingCode issueOnboardingCode(Actor actor, String memberCode, Duration validity) {
        MemberState member = activeMember(memberCode);
        Duration lifetime = validity == null ? Duration.ofDays(14) : validity;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofDays(90)) > 0) {
            throw new InvalidInputException("InvalidValidity", "An onboarding code is valid for 1 second to 90 days");
        }
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        Instant expires = clock.instant().plus(lifetime);
        OnboardingCode stored = new OnboardingCode(member.code().value(), hash(normaliseCode(code.toString())),
                actor.name(), clock.instant(), expires);
        em.persist(stored);
        em.flush();
        changes.fire(RegistryChanged.of(actor, RegistryAction.ONBOARDING_CODE_ISSUED, "OnboardingCode", stored.id(),
                member.code().value(), "expires=" + expires));
        return new IssuedOnboardingCode(member.code().value(), code.toString(), expires);
    }

    /**
     * A certificate in an open (submitted) request is taken, except while that request itself is approved (the
     * question then says open requests do not count).
     */
    public void answer(@Observes CertificateInUse question) {
        if (question.openRequestsCount() && !question.taken() && !em.createNamedQuery(
                RegistrationRequest.OPEN_WITH_CERTIFICATE, RegistrationRequest.class)
                .setParameter("fingerprint", question.fingerprint()).getResultList().isEmpty()) {
            question.markTaken();
        }
    }

    private CheckedCertificate recheck(RegistrationRequest request) {
        return trustAnchors.recheckCertificate(request.certificateDer(), clock.instant());
    }

    private RequestView submitted(Actor actor, RegistrationRequest request) {
        em.persist(request);
        em.flush();
        changes.fire(RegistryChanged.of(actor, RegistryAction.REGISTRATION_REQUESTED, "RegistrationRequest",
                request.id(), request.memberCode(), "kind=" + request.kind()
                        + (request.gatewayName() == null ? "" : " gateway=" + request.gatewayName())
                        + (request.certificateFingerprint() == null ? ""
                                : " certificate=" + request.certificateFingerprint())));
        return RequestView.of(request);
    }

    private void decided(Actor actor, RegistryAction action, RegistrationRequest request) {
        changes.fire(RegistryChanged.of(actor, action, "RegistrationRequest", request.id(), request.memberCode(),
                "kind=" + request.kind() + (request.decisionReason() == null ? ""
                        : " reason=" + request.decisionReason())));
    }

    private MemberState activeMember(String code) {
        MemberState member = memberStates.entity(code);
        if (!member.isActive()) {
            throw new ConflictException("MemberNotActive", "Member state " + member.code() + " is " + member.status()
                    + ": its registry entries cannot change");
        }
        return member;
    }

    private RegistrationRequest entity(Long id) {
        RegistrationRequest request = id == null ? null : em.find(RegistrationRequest.class, id);
        if (request == null) {
            throw new NotFoundException("UnknownRequest", "No registration request with id " + id);
        }
        return request;
    }

    private RegistrationRequest locked(Long id) {
        RegistrationRequest request = entity(id);
        em.lock(request, LockModeType.PESSIMISTIC_WRITE);
        if (request.status() != RequestStatus.SUBMITTED) {
            throw new ConflictException("AlreadyDecided", "Request " + id + " is already " + request.status());
        }
        return request;
    }

    private static List<DocumentPermission> parsePermissions(List<String> permissions) {
        if (permissions == null || permissions.isEmpty()) {
            throw new InvalidInputException("MissingPermissions", "A gateway needs at least one document permission, "
                    + "for example SEND:CERTIFICATE_OF_ORIGIN");
        }
        return permissions.stream().map(DocumentPermission::parse).distinct().toList();
    }

    private static String normaliseCode(String code) {
        return code.strip().toUpperCase(java.util.Locale.ROOT).replace("-", "").replace(" ", "");
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
