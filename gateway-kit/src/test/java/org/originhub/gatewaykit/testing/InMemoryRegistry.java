package org.originhub.gatewaykit.testing;

import jakarta.jws.WebService;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.originhub.gatewaykit.contract.registry.CheckSignerRequest;
import org.originhub.gatewaykit.contract.registry.CheckSignerResponse;
import org.originhub.gatewaykit.contract.registry.GetDirectoryRequest;
import org.originhub.gatewaykit.contract.registry.GetDirectoryResponse;
import org.originhub.gatewaykit.contract.registry.GetMyProfileRequest;
import org.originhub.gatewaykit.contract.registry.GetMyProfileResponse;
import org.originhub.gatewaykit.contract.registry.RegistryPortType;
import org.originhub.gatewaykit.contract.registry.RequestCertificateRotationRequest;
import org.originhub.gatewaykit.contract.registry.RequestEndpointChangeRequest;
import org.originhub.gatewaykit.contract.registry.RequestGatewayRegistrationRequest;
import org.originhub.gatewaykit.contract.registry.RequestReceipt;
import org.originhub.gatewaykit.security.Sha256;
import org.originhub.soap.security.AuthenticatedSender;
import org.originhub.soap.security.HubKey;
import org.originhub.soap.security.RequestFault;

/**
 * A stand-in for the hub's registry service: a directory signed with the real {@link HubKey} as the hub signs it,
 * and CheckSigner over a map of authorised signers. The change requests are not part of the kit's facade.
 */
@WebService(
        serviceName = "RegistryService",
        portName = "RegistryPort",
        targetNamespace = "urn:originhub:registry:v1",
        endpointInterface = "org.originhub.gatewaykit.contract.registry.RegistryPortType",
        wsdlLocation = "classpath:originhub/wsdl/registry.wsdl")
public class InMemoryRegistry implements RegistryPortType {

    public static final long SERIAL = 7;

    /** Fingerprint -> "member|signer name|authority". */
    public final Map<String, String> signers = new ConcurrentHashMap<>();
    private final HubKey hubKey;
    public volatile byte[] directoryOverride;

    public InMemoryRegistry(HubKey hubKey) {
        this.hubKey = hubKey;
    }

    public static byte[] document(HubKey hubKey) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Directory xmlns=\"urn:originhub:directory:v1\" serial=\""
                + SERIAL + "\" hubCertificate=\"" + hubKey.fingerprint() + "\"><MemberState code=\"KE\" name=\"Kenya\"/>"
                + "<MemberState code=\"TZ\" name=\"Tanzania\"/></Directory>").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public GetDirectoryResponse getDirectory(GetDirectoryRequest request) {
        AuthenticatedSender.current();
        GetDirectoryResponse response = new GetDirectoryResponse();
        response.setSerial(SERIAL);
        if (request.getKnownSerial() != null && request.getKnownSerial() == SERIAL) {
            response.setNotModified(true);
            return response;
        }
        byte[] document = document(hubKey);
        response.setNotModified(false);
        response.setSignatureAlgorithm(HubKey.SIGNATURE_ALGORITHM);
        response.setSignature(hubKey.sign(document));
        // A tampered copy keeps the genuine signature, as an attacker in the middle of a cache would.
        response.setDocument(directoryOverride != null ? directoryOverride : document);
        try {
            response.setHubCertificate(hubKey.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    @Override
    public CheckSignerResponse checkSigner(CheckSignerRequest request) {
        AuthenticatedSender.current();
        String fingerprint = request.getFingerprint() != null ? request.getFingerprint()
                : Sha256.hex(request.getCertificate());
        String entry = signers.get(fingerprint);
        CheckSignerResponse response = new CheckSignerResponse();
        response.setFingerprint(fingerprint);
        if (entry == null || !entry.startsWith(request.getMemberState() + "|")) {
            response.setAuthorised(false);
            response.setReason("The certificate is not an authorised signer of " + request.getMemberState());
            return response;
        }
        String[] parts = entry.split("\\|");
        response.setAuthorised(true);
        response.setReason("Authorised signer of " + parts[0]);
        response.setSignerName(parts[1]);
        response.setIssuingAuthority(parts[2]);
        return response;
    }

    @Override
    public RequestReceipt requestGatewayRegistration(RequestGatewayRegistrationRequest request) {
        throw new RequestFault("InvalidRequest", "Not offered by this test registry");
    }

    @Override
    public GetMyProfileResponse getMyProfile(GetMyProfileRequest request) {
        throw new RequestFault("InvalidRequest", "Not offered by this test registry");
    }

    @Override
    public RequestReceipt requestCertificateRotation(RequestCertificateRotationRequest request) {
        throw new RequestFault("InvalidRequest", "Not offered by this test registry");
    }

    @Override
    public RequestReceipt requestEndpointChange(RequestEndpointChangeRequest request) {
        throw new RequestFault("InvalidRequest", "Not offered by this test registry");
    }
}
