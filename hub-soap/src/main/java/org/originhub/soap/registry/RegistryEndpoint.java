package org.originhub.soap.registry;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebServiceContext;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;
import org.originhub.hub.audit.boundary.CheckpointView;
import org.originhub.hub.audit.boundary.Checkpoints;
import org.originhub.registry.authorities.boundary.Authorities;
import org.originhub.registry.authorities.boundary.SignerVerdict;
import org.originhub.registry.certificates.entity.CertificateFingerprint;
import org.originhub.registry.directory.boundary.Directory;
import org.originhub.registry.directory.boundary.DirectorySnapshot;
import org.originhub.registry.errors.RegistryException;
import org.originhub.registry.events.Actor;
import org.originhub.registry.gateways.boundary.CertificateView;
import org.originhub.registry.gateways.boundary.GatewayView;
import org.originhub.registry.gateways.boundary.Gateways;
import org.originhub.registry.gateways.entity.CertificateStatus;
import org.originhub.registry.requests.boundary.RegistrationRequests;
import org.originhub.registry.requests.boundary.RequestView;
import org.originhub.registry.requests.entity.SubmissionChannel;
import org.originhub.soap.contract.registry.CheckSignerRequest;
import org.originhub.soap.contract.registry.CheckSignerResponse;
import org.originhub.soap.contract.registry.DeliveryMode;
import org.originhub.soap.contract.registry.GetDirectoryRequest;
import org.originhub.soap.contract.registry.GetDirectoryResponse;
import org.originhub.soap.contract.registry.GetMyProfileRequest;
import org.originhub.soap.contract.registry.GetMyProfileResponse;
import org.originhub.soap.contract.registry.RegistryPortType;
import org.originhub.soap.contract.registry.RequestCertificateRotationRequest;
import org.originhub.soap.contract.registry.RequestEndpointChangeRequest;
import org.originhub.soap.contract.registry.RequestGatewayRegistrationRequest;
import org.originhub.soap.contract.registry.RequestReceipt;
import org.originhub.soap.security.AuthenticatedSender;
import org.originhub.soap.security.HubKey;
import org.originhub.soap.security.OnboardingCandidate;
import org.originhub.soap.security.RequestFault;

/**
 * The registry service for gateways. Who calls is known from the security pipeline ({@link AuthenticatedSender}, or
 * an {@link OnboardingCandidate} for self-registration); every call acts for that gateway only.
 */
@WebService(
        serviceName = "RegistryService",
        portName = "RegistryPort",
        targetNamespace = "urn:originhub:registry:v1",
        endpointInterface = "org.originhub.soap.contract.registry.RegistryPortType",
        wsdlLocation = "classpath:wsdl/registry.wsdl")
public class RegistryEndpoint implements RegistryPortType {

    /** The one operation an unregistered (but trusted) signer may call. */
    public static final QName ONBOARDING_OPERATION =
            new QName("urn:originhub:registry:v1", "RequestGatewayRegistrationRequest");

    private final Directory directory;
    private final Gateways gateways;
    private final RegistrationRequests requests;
    private final Authorities authorities;
    private final HubKey hubKey;
    private final Checkpoints checkpoints;
    private final DatatypeFactory datatypes;

    @Resource
    WebServiceContext context;

    public RegistryEndpoint(Directory directory, Gateways gateways, RegistrationRequests requests,
            Authorities authorities, HubKey hubKey, Checkpoints checkpoints) {
        this.directory = directory;
        this.gateways = gateways;
        this.requests = requests;
        this.authorities = authorities;
        this.hubKey = hubKey;
        this.checkpoints = checkpoints;
        try {
            this.datatypes = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public GetDirectoryResponse getDirectory(GetDirectoryRequest request) {
        sender();
        return translated(() -> {
            GetDirectoryResponse response = new GetDirectoryResponse();
            long current = directory.serial();
            Optional<CheckpointView> checkpoint = checkpoints.latest();
            // KnownCheckpoint is optional: callers that do not send it are answered by the serial alone, as before.
            boolean checkpointKnown = request.getKnownCheckpoint() == null
                    || request.getKnownCheckpoint() == checkpoint.map(CheckpointView::seq).orElse(0L);
            if (request.getKnownSerial() != null && request.getKnownSerial() == current && checkpointKnown) {
                response.setSerial(current);
                response.setNotModified(true);
                return response;
            }
            DirectorySnapshot snapshot = directory.snapshot();
            byte[] document = DirectoryDocument.write(snapshot, hubKey.fingerprint(), checkpoint.orElse(null));
            response.setSerial(snapshot.serial());
            response.setNotModified(false);
            response.setDocument(document);
            response.setSignatureAlgorithm(HubKey.SIGNATURE_ALGORITHM);
            response.setSignature(hubKey.sign(document));
            try {
                response.setHubCertificate(hubKey.certificate().getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
            return response;
        });
    }

    @Override
    public RequestReceipt requestGatewayRegistration(RequestGatewayRegistrationRequest request) {
        OnboardingCandidate candidate = OnboardingCandidate.of(context).orElseThrow(() -> new RequestFault(
                "AlreadyRegistered", "The signing certificate already belongs to a registered gateway: use "
                        + "RequestCertificateRotation or RequestEndpointChange to change it"));
        if (request.getCertificate() == null
                || !CertificateFingerprint.of(request.getCertificate()).hex().equals(
                        candidate.certificateFingerprint())) {
            throw new RequestFault("CertificateMismatch", "The request must be signed with the key of the "
                    + "certificate it registers");
        }
        Actor actor = Actor.gateway(candidate.certificateFingerprint(), request.getMemberState());
        return receipt(translated(() -> requests.submitSelfRegistration(actor, request.getMemberState(),
                request.getOnboardingCode(), request.getGatewayName(), mode(request.getDeliveryMode()),
                request.getEndpointUrl(), request.getPermission(), request.getCertificate(), request.getComment())));
    }

    @Override
    public GetMyProfileResponse getMyProfile(GetMyProfileRequest request) {
        AuthenticatedSender sender = sender();
        return translated(() -> {
            Long gatewayId = Long.valueOf(sender.gatewayId());
            GatewayView gateway = gateways.find(gatewayId);
            List<CertificateView> certificates = gateways.certificates(gatewayId);
            GetMyProfileResponse response = new GetMyProfileResponse();
            response.setMemberState(gateway.memberCode());
            response.setGatewayId(gateway.id());
            response.setGatewayName(gateway.name());
            response.setDeliveryMode(DeliveryMode.valueOf(gateway.deliveryMode().name()));
            response.setEndpointUrl(gateway.endpointUrl());
            response.setStatus(gateway.status().name());
            response.getPermission().addAll(gateway.permissions());
            certificates.stream().filter(c -> c.status() == CertificateStatus.ACTIVE).findFirst().ifPresent(c -> {
                response.setActiveCertificate(c.fingerprint());
                response.setActiveCertificateNotAfter(xml(c.notAfter()));
            });
            certificates.stream().filter(c -> c.status() == CertificateStatus.STAGED).findFirst()
                    .ifPresent(c -> response.setStagedCertificate(c.fingerprint()));
            return response;
        });
    }

    /** Signed with the gateway's current certificate, so the auto-approval policy may apply. */
    @Override
    public RequestReceipt requestCertificateRotation(RequestCertificateRotationRequest request) {
        AuthenticatedSender sender = sender();
        Actor actor = Actor.gateway(sender.certificateFingerprint(), sender.memberCode());
        boolean signedWithActiveKey = gateways.activeCertificate(Long.valueOf(sender.gatewayId()))
                .map(c -> c.fingerprint().equals(sender.certificateFingerprint())).orElse(false);
        return receipt(translated(() -> requests.submitCertificate(actor, SubmissionChannel.SOAP,
                Long.valueOf(sender.gatewayId()), request.getCertificate(), request.getComment(),
                signedWithActiveKey)));
    }

    @Override
    public RequestReceipt requestEndpointChange(RequestEndpointChangeRequest request) {
        AuthenticatedSender sender = sender();
        Actor actor = Actor.gateway(sender.certificateFingerprint(), sender.memberCode());
        return receipt(translated(() -> requests.submitEndpointChange(actor, SubmissionChannel.SOAP,
                Long.valueOf(sender.gatewayId()), mode(request.getDeliveryMode()), request.getEndpointUrl(),
                request.getComment())));
    }

    @Override
    public CheckSignerResponse checkSigner(CheckSignerRequest request) {
        sender();
        String fingerprint = request.getFingerprint() != null ? request.getFingerprint()
                : request.getCertificate() != null ? CertificateFingerprint.of(request.getCertificate()).hex() : null;
        if (fingerprint == null) {
            throw new RequestFault("InvalidRequest", "CheckSigner needs the signer's Certificate or Fingerprint");
        }
        Instant at = request.getAt() == null ? null : request.getAt().toGregorianCalendar().toInstant();
        SignerVerdict verdict = translated(() -> authorities.checkSigner(fingerprint, request.getMemberState(),
                request.getAgreement(), at));
        CheckSignerResponse response = new CheckSignerResponse();
        response.setAuthorised(verdict.authorised());
        response.setReason(verdict.reason());
        response.setFingerprint(verdict.fingerprint());
        response.setSignerName(verdict.signerName());
        response.setIssuingAuthority(verdict.authorityName());
        return response;
    }

    private AuthenticatedSender sender() {
        return AuthenticatedSender.of(context);
    }

    private static org.originhub.registry.gateways.entity.DeliveryMode mode(DeliveryMode mode) {
        return mode == null ? null : org.originhub.registry.gateways.entity.DeliveryMode.valueOf(mode.value());
    }

    private static RequestReceipt receipt(RequestView view) {
        RequestReceipt receipt = new RequestReceipt();
        receipt.setRequestId(view.id());
        receipt.setStatus(view.status().name());
        return receipt;
    }

    private XMLGregorianCalendar xml(Instant instant) {
        return datatypes.newXMLGregorianCalendar(GregorianCalendar.from(instant.atZone(ZoneOffset.UTC)));
    }

    /** The registry's refusals, with its own codes and messages, as faults; EJB wrapping removed. */
    private static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            RegistryException registry = registryCause(e);
            if (registry != null) {
                throw new RequestFault(registry.code(), registry.getMessage());
            }
            throw e;
        }
    }

    private static RegistryException registryCause(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof RegistryException registry) {
                return registry;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
