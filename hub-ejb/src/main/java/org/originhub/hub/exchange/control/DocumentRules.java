package org.originhub.hub.exchange.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.originhub.hub.exchange.entity.DocumentFunction;
import org.originhub.hub.exchange.entity.EnvelopeData;
import org.originhub.hub.exchange.entity.Finding;
import org.originhub.hub.exchange.entity.Refusal;
import org.originhub.registry.gateways.entity.DocumentType;

/**
 * The payload must be the document the envelope says it is (envelope-v1.xsd and co-document-v1.xsd annotations):
 * the root element fits the document type and function, and the fields the hub routes by agree with the envelope.
 * Every mismatch is SchemaInvalid and names the field, payload side first where the payload is the odd one out.
 */
public final class DocumentRules {

    private DocumentRules() {
    }

    /** The root element a document type and function needs. */
    public static String expectedRoot(DocumentType type, DocumentFunction function) {
        switch (type) {
            case CERTIFICATE_OF_ORIGIN:
                return function == DocumentFunction.CANCEL ? "CertificateCancellation" : "CertificateOfOrigin";
            case BUSINESS_RESPONSE:
                return "BusinessResponse";
            case VERIFICATION_REQUEST:
                return "VerificationRequest";
            default:
                return "VerificationResponse";
        }
    }

    /** Envelope-only rules that XML Schema cannot express (which optional envelope fields each type needs). */
    public static List<Finding> envelope(EnvelopeData envelope) {
        List<Finding> findings = new ArrayList<>();
        DocumentType type = envelope.documentType();
        if (type != DocumentType.CERTIFICATE_OF_ORIGIN && envelope.function() != DocumentFunction.NEW) {
            findings.add(invalid("Envelope/DocumentFunction", type + " documents are NEW only in version 1, not "
                    + envelope.function()));
        }
        if (type == DocumentType.BUSINESS_RESPONSE && envelope.responseKind() == null) {
            findings.add(invalid("Envelope/BusinessResponseKind", "is required for a BUSINESS_RESPONSE"));
        }
        if (type != DocumentType.BUSINESS_RESPONSE && envelope.responseKind() != null) {
            findings.add(invalid("Envelope/BusinessResponseKind", "is allowed only for a BUSINESS_RESPONSE"));
        }
        if (type == DocumentType.VERIFICATION_RESPONSE && envelope.verificationResult() == null) {
            findings.add(invalid("Envelope/VerificationResult", "is required for a VERIFICATION_RESPONSE"));
        }
        if (type != DocumentType.VERIFICATION_RESPONSE && envelope.verificationResult() != null) {
            findings.add(invalid("Envelope/VerificationResult", "is allowed only for a VERIFICATION_RESPONSE"));
        }
        return findings;
    }

    /** The payload against its envelope; {@code facts} come from a well-formed payload. */
    public static List<Finding> payload(EnvelopeData envelope, PayloadFacts facts) {
        List<Finding> findings = new ArrayList<>();
        String expected = expectedRoot(envelope.documentType(), envelope.function());
        if (!PayloadInspector.NAMESPACE.equals(facts.namespace()) || !expected.equals(facts.root())) {
            findings.add(invalid(facts.root() == null ? "Payload/Content" : facts.root(), "a " + envelope.documentType()
                    + " document with function " + envelope.function() + " is a {" + PayloadInspector.NAMESPACE + "}"
                    + expected + ", not {" + (facts.namespace() == null ? "" : facts.namespace()) + "}"
                    + facts.root()));
            return findings; // the other fields would only repeat the same mistake
        }
        String root = facts.root();
        switch (envelope.documentType()) {
            case CERTIFICATE_OF_ORIGIN:
                same(findings, root + "/MessageFunction", facts.messageFunction(), envelope.function().name(),
                        "Envelope/DocumentFunction");
                same(findings, root + "/ReferenceNumber", facts.coNumber(), envelope.coNumber(),
                        "Envelope/IssuerCoNumber");
                same(findings, root + "/IssuingAuthority/Country", facts.issuingCountry(), envelope.from(),
                        "Envelope/From (the issuing member)");
                if (envelope.function() != DocumentFunction.CANCEL) {
                    same(findings, root + "/AgreementCode", facts.agreementCode(), envelope.agreement(),
                            "Envelope/Agreement");
                    replaced(findings, envelope, facts);
                }
                break;
            case BUSINESS_RESPONSE:
                same(findings, root + "/CoReferenceNumber", facts.coNumber(), envelope.coNumber(),
                        "Envelope/IssuerCoNumber");
                same(findings, root + "/IssuingCountry", facts.issuingCountry(), envelope.issuingMember(),
                        "Envelope/To (the issuing member)");
                if (envelope.responseKind() != null) {
                    same(findings, root + "/ResponseKind", facts.responseKind(), envelope.responseKind().name(),
                            "Envelope/BusinessResponseKind");
                }
                if ("REJECTED".equals(facts.responseKind()) && !facts.hasReason()) {
                    findings.add(invalid(root + "/Reason", "is required when the response is REJECTED"));
                }
                break;
            case VERIFICATION_REQUEST:
                same(findings, root + "/CoReferenceNumber", facts.coNumber(), envelope.coNumber(),
                        "Envelope/IssuerCoNumber");
                same(findings, root + "/IssuingCountry", facts.issuingCountry(), envelope.issuingMember(),
                        "Envelope/To (the issuing member)");
                break;
            default:
                same(findings, root + "/CoReferenceNumber", facts.coNumber(), envelope.coNumber(),
                        "Envelope/IssuerCoNumber");
                same(findings, root + "/IssuingCountry", facts.issuingCountry(), envelope.issuingMember(),
                        "Envelope/From (the issuing member)");
                if (envelope.verificationResult() != null) {
                    same(findings, root + "/Result", facts.result(), envelope.verificationResult().name(),
                            "Envelope/VerificationResult");
                }
                break;
        }
        return findings;
    }

    private static void replaced(List<Finding> findings, EnvelopeData envelope, PayloadFacts facts) {
        String field = facts.root() + "/ReplacedReferenceNumber";
        if (envelope.function() == DocumentFunction.REPLACE) {
            if (facts.replacedCoNumber() == null) {
                findings.add(invalid(field, "is required in a replacement (MessageFunction REPLACE)"));
            } else if (facts.replacedCoNumber().equals(facts.coNumber())) {
                findings.add(invalid(field, "a replacement has a CO number of its own; it cannot be the number it "
                        + "replaces (" + facts.coNumber() + ")"));
            }
        } else if (facts.replacedCoNumber() != null) {
            findings.add(invalid(field, "is allowed only in a replacement (MessageFunction REPLACE)"));
        }
    }

    /** Nothing to report when the payload lacks the field: the schema finding already says so. */
    private static void same(List<Finding> findings, String field, String payloadValue, String envelopeValue,
            String envelopeField) {
        if (payloadValue != null && !Objects.equals(payloadValue, envelopeValue)) {
            findings.add(invalid(field, "'" + EnvelopeRules.clip(payloadValue) + "' does not match " + envelopeField
                    + " '" + envelopeValue + "'"));
        }
    }

    private static Finding invalid(String field, String message) {
        return Findings.error(Refusal.SCHEMA_INVALID, field, message);
    }
}
