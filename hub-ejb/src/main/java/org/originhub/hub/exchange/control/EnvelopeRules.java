package org.originhub.hub.exchange.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.originhub.hub.exchange.entity.EnvelopeData;
import org.originhub.hub.exchange.entity.Finding;
import org.originhub.hub.exchange.entity.Reference;
import org.originhub.hub.exchange.entity.Refusal;
import org.originhub.hub.exchange.entity.TrackingNumber;

/**
 * The envelope's shape as envelope-v1.xsd defines it. The SOAP edge may not validate requests against the schema,
 * and the boundary may be called from elsewhere, so the exchange checks what it relies on itself: a violation means
 * the request does not match the contract (InvalidRequest).
 */
public final class EnvelopeRules {

    static final Pattern MEMBER = Pattern.compile("[A-Z]{2}");
    static final Pattern AGREEMENT = Pattern.compile("[A-Z0-9][A-Z0-9_\\-]{1,31}");
    static final Pattern CO_NUMBER = Pattern.compile("[A-Za-z0-9/\\-._]{1,35}");
    static final Pattern MESSAGE_ID = Pattern.compile("[!-~]{1,64}");
    static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9!#$&^_.+\\-]+/[a-z0-9!#$&^_.+\\-]+");
    static final int MAX_REFERENCES = 10;

    private EnvelopeRules() {
    }

    /** Every shape violation of the envelope and media type, in envelope order. */
    public static List<Finding> check(EnvelopeData envelope, String mediaType) {
        List<Finding> findings = new ArrayList<>();
        matches(findings, "Envelope/From", envelope.from(), MEMBER, "an ISO 3166-1 alpha-2 member state code");
        matches(findings, "Envelope/To", envelope.to(), MEMBER, "an ISO 3166-1 alpha-2 member state code");
        matches(findings, "Envelope/Agreement", envelope.agreement(), AGREEMENT, "an agreement code of 2 to 32 "
                + "capital letters, digits, '_' or '-'");
        if (envelope.documentType() == null) {
            findings.add(invalid("Envelope/DocumentType", "is required"));
        }
        if (envelope.function() == null) {
            findings.add(invalid("Envelope/DocumentFunction", "is required"));
        }
        matches(findings, "Envelope/IssuerCoNumber", envelope.coNumber(), CO_NUMBER, "1 to 35 letters, digits, '/', "
                + "'-', '.' or '_'");
        matches(findings, "Envelope/SenderMessageId", envelope.senderMessageId(), MESSAGE_ID, "1 to 64 printable "
                + "ASCII characters without spaces");
        List<Reference> references = envelope.references();
        if (references.size() > MAX_REFERENCES) {
            findings.add(invalid("Envelope/Reference", "at most " + MAX_REFERENCES + " references, got "
                    + references.size()));
        }
        for (int i = 0; i < references.size(); i++) {
            Reference r = references.get(i);
            String field = "Envelope/Reference[" + (i + 1) + "]";
            if (r == null || (r.trackingNumber() == null) == (r.issuerCoNumber() == null)) {
                findings.add(invalid(field, "holds exactly one of TrackingNumber or IssuerCoNumber"));
            } else if (r.trackingNumber() != null) {
                if (!TrackingNumber.isWellFormed(r.trackingNumber())) {
                    findings.add(invalid(field + "/TrackingNumber", "'" + r.trackingNumber() + "' is not a tracking "
                            + "number"));
                }
            } else {
                matches(findings, field + "/IssuerCoNumber", r.issuerCoNumber(), CO_NUMBER, "a CO number");
            }
        }
        matches(findings, "Payload/MediaType", mediaType, MEDIA_TYPE, "a media type such as application/xml");
        return findings;
    }

    /** {@code code} if it is a well-formed member state code, else null (for the audit's member columns). */
    public static String memberOrNull(String code) {
        return code != null && MEMBER.matcher(code).matches() ? code : null;
    }

    private static void matches(List<Finding> findings, String field, String value, Pattern pattern, String what) {
        if (value == null || value.isEmpty()) {
            findings.add(invalid(field, "is required"));
        } else if (!pattern.matcher(value).matches()) {
            findings.add(invalid(field, "must be " + what + ", not '" + clip(value) + "'"));
        }
    }

    private static Finding invalid(String field, String message) {
        return Findings.error(Refusal.INVALID_REQUEST, field, message);
    }

    static String clip(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
