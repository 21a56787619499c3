package org.originhub.soap.security;

import javax.xml.namespace.QName;

/**
 * Every fault the hub's SOAP edge returns, in one catalogue. Each entry carries a stable wire code (the SOAP 1.1
 * {@code faultcode}, a QName in {@value #NAMESPACE}) and the reason a member's integrator reads in {@code faultstring}.
 * Several entries share one wire code: gateways branch on the code, people act on the reason.
 *
 * <p>Reasons say what to fix and never carry exception text, class names or internal state: the hub says which rule
 * a message broke, not how the hub found out.
 */
public enum FaultCode {

    SECURITY_HEADER_MISSING(FaultCode.SECURITY_ERROR,
            "The message has no wsse:Security header. Every request must carry a WS-Security header with a Timestamp "
            + "and an X.509 signature over the Body and the Timestamp."),
    ENVELOPE_INVALID(FaultCode.SECURITY_ERROR,
            "The envelope holds a soap:Body element outside its place (directly under soap:Envelope). Send the "
            + "signed Body as the envelope's Body, and no other soap:Body element."),
    SECURITY_HEADER_INVALID(FaultCode.SECURITY_ERROR,
            "The wsse:Security header does not follow the hub's profile: exactly one Security header (no actor), "
            + "with one Timestamp, one Signature and the signer's BinarySecurityToken."),
    TIMESTAMP_MISSING(FaultCode.SECURITY_ERROR,
            "The wsse:Security header has no wsu:Timestamp. Add a Timestamp (Created, and Expires at most 5 minutes "
            + "later) and sign it."),
    SIGNATURE_MISSING(FaultCode.SECURITY_ERROR,
            "The message is not signed. Sign the Body and the Timestamp with the gateway's registered certificate "
            + "(RSA-SHA256, exclusive C14N, SHA-256 digests, BinarySecurityToken)."),
    SIGNATURE_INVALID(FaultCode.SECURITY_ERROR,
            "The signature does not verify: the signed content was changed after signing, or the signature was not "
            + "made with the key of the certificate sent. Sign the message as it is sent and do not alter it after."),
    SIGNATURE_ALGORITHM_NOT_ACCEPTED(FaultCode.SECURITY_ERROR,
            "The signature algorithm is not accepted. Use RSA-SHA256 (or RSA-SHA384, RSA-SHA512); RSA-SHA1 is refused."),
    DIGEST_ALGORITHM_NOT_ACCEPTED(FaultCode.SECURITY_ERROR,
            "A reference uses a digest algorithm that is not accepted. Use SHA-256 (or SHA-384, SHA-512); SHA-1 is "
            + "refused."),
    CANONICALIZATION_NOT_ACCEPTED(FaultCode.SECURITY_ERROR,
            "The signature uses a canonicalisation or transform that is not accepted. Use exclusive XML "
            + "canonicalisation (http://www.w3.org/2001/10/xml-exc-c14n#) for SignedInfo and every reference."),
    SIGNER_TOKEN_INVALID(FaultCode.SECURITY_ERROR,
            "The signer's certificate could not be read. Send it as a wsse:BinarySecurityToken (X509v3) referenced "
            + "directly from the signature's KeyInfo."),
    SIGNER_KEY_TOO_WEAK(FaultCode.SECURITY_ERROR,
            "The signing key is too short. Gateway certificates must have RSA keys of at least 2048 bits."),
    BODY_NOT_SIGNED(FaultCode.SECURITY_ERROR,
            "The SOAP Body is not covered by the signature. Sign the Body element itself (by its wsu:Id)."),
    TIMESTAMP_NOT_SIGNED(FaultCode.SECURITY_ERROR,
            "The Timestamp is not covered by the signature. Sign the wsu:Timestamp of the Security header."),
    TIMESTAMP_EXPIRED(FaultCode.SECURITY_ERROR,
            "The message has expired: its Timestamp's Expires has passed or its Created is more than 300 seconds old. "
            + "Send a freshly signed message, and check the gateway's clock against the hub's (GetHubInfo)."),
    TIMESTAMP_IN_FUTURE(FaultCode.SECURITY_ERROR,
            "The Timestamp's Created lies more than 60 seconds in the future. Check the gateway's clock against the "
            + "hub's (GetHubInfo); it must be set from a reliable time source."),
    TIMESTAMP_INVALID(FaultCode.SECURITY_ERROR,
            "The Timestamp is malformed: it needs one Created and at most one Expires (UTC, xsd:dateTime), with "
            + "Expires after Created."),

    CERTIFICATE_NOT_TRUSTED(FaultCode.UNKNOWN_SENDER,
            "The signing certificate was not issued by a certificate authority the community trusts. Sign with the "
            + "gateway certificate registered with the secretariat."),
    CERTIFICATE_NOT_REGISTERED(FaultCode.UNKNOWN_SENDER,
            "The signing certificate is not registered for any gateway. Ask the secretariat to register it, or sign "
            + "with the gateway's registered certificate."),

    CERTIFICATE_REVOKED(FaultCode.SENDER_NOT_ACTIVE,
            "The signing certificate has been revoked. Register a new certificate with the secretariat."),
    CERTIFICATE_SUPERSEDED(FaultCode.SENDER_NOT_ACTIVE,
            "The signing certificate has been replaced by a newer one for this gateway. Sign with the gateway's "
            + "current certificate."),
    CERTIFICATE_EXPIRED(FaultCode.SENDER_NOT_ACTIVE,
            "The signing certificate has expired. Register a renewed certificate with the secretariat."),
    CERTIFICATE_NOT_YET_VALID(FaultCode.SENDER_NOT_ACTIVE,
            "The signing certificate is not valid yet. Sign with the gateway's current certificate until the new one "
            + "takes effect."),
    GATEWAY_SUSPENDED(FaultCode.SENDER_NOT_ACTIVE,
            "The sending gateway is suspended. Contact the secretariat."),
    GATEWAY_RETIRED(FaultCode.SENDER_NOT_ACTIVE,
            "The sending gateway has been retired. Send through the member's active gateway."),
    MEMBER_SUSPENDED(FaultCode.SENDER_NOT_ACTIVE,
            "The sending member state is suspended from the exchange. Contact the secretariat."),
    MEMBER_WITHDRAWN(FaultCode.SENDER_NOT_ACTIVE,
            "The sending member state has withdrawn from the community."),

    REPLAY(FaultCode.REPLAY_CODE,
            "This message has already been received: its signature was seen before. Do not resend a signed message; "
            + "sign it anew (a new Timestamp) if it must be sent again."),

    TOO_LARGE(FaultCode.TOO_LARGE_CODE,
            "The request is larger than the hub accepts (HUB_MAX_MESSAGE_BYTES, 10 MiB unless the secretariat set "
            + "another limit). Send smaller documents; the limit is shown by GetHubInfo."),
    SERVICE_UNAVAILABLE(FaultCode.SERVICE_UNAVAILABLE_CODE,
            "The hub cannot take the request now (its database is unavailable or it is overloaded). Nothing was "
            + "stored. Retry later with a newly signed message."),

    INVALID_REQUEST(FaultCode.INVALID_REQUEST_CODE,
            "The request is not a well-formed SOAP 1.1 message for an operation of this service. Check it against "
            + "the service's WSDL."),

    INTERNAL_ERROR(FaultCode.INTERNAL_ERROR_CODE,
            "The hub could not process the message because of an internal error. Try again later; if it persists, "
            + "give the secretariat this reference: %s");

    /** Namespace of the hub's fault codes. */
    public static final String NAMESPACE = "urn:originhub:faults:v1";

    /** The stable wire codes: what a gateway may branch on. */
    public static final String SECURITY_ERROR = "SecurityError";
    public static final String UNKNOWN_SENDER = "UnknownSender";
    public static final String SENDER_NOT_ACTIVE = "SenderNotActive";
    public static final String REPLAY_CODE = "Replay";
    public static final String INVALID_REQUEST_CODE = "InvalidRequest";
    public static final String TOO_LARGE_CODE = "TooLarge";
    public static final String SERVICE_UNAVAILABLE_CODE = "ServiceUnavailable";
    public static final String INTERNAL_ERROR_CODE = "InternalError";

    private final String code;
    private final String reason;

    FaultCode(String code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /** The wire code, e.g. {@code SecurityError}. */
    public String code() {
        return code;
    }

    /** The faultcode QName: {@link #code()} in {@link #NAMESPACE}. */
    public QName qname() {
        return new QName(NAMESPACE, code, "hub");
    }

    /** The reason for the integrator ({@link #INTERNAL_ERROR} has a {@code %s} for the reference). */
    public String reason() {
        return reason;
    }
}
