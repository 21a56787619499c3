package org.originhub.soap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.xml.namespace.QName;
import org.originhub.hub.exchange.Documents;
import org.originhub.hub.exchange.Envelopes;
import org.originhub.hub.exchange.boundary.Submission;
import org.originhub.hub.exchange.entity.EnvelopeData;
import org.originhub.soap.security.ExchangeHub.Gateway;
import org.originhub.soap.security.LocalHub.Reply;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the fuzzers share: seeds (valid signed requests of every exchange operation), the mutations, and the property
 * every answer must have: a SOAP fault with a code of the catalogue, or a valid response of the operation; never
 * {@code InternalError}, never internal detail, never a hang (LocalHub gives up after 30 s).
 */
final class SoapIntakeFuzzing {

    /** The wire codes a hostile request may earn. InternalError and ServiceUnavailable are hub failures. */
    static final Set<String> CATALOGUE = Set.of("SecurityError", "UnknownSender", "SenderNotActive", "Replay",
            "InvalidRequest", "TooLarge", "SenderMismatch", "SchemaInvalid", "UnknownRecipient", "NotParty",
            "TypeNotAllowed", "Duplicate", "UnknownReference");

    private static final String[] TOKENS = {"<", ">", "&", "&amp;", "&lol;", "]]>", "<![CDATA[", "<!DOCTYPE x [", "\"",
        "'", "\u0000", "\uFFFF", "\uD800", "é", "𝄞", "' OR 1=1 --", "<script>", "%", "xmlns=\"urn:x\"",
        "<soapenv:Body>", "</soapenv:Body>", "wsu:Id=\"x\"", "KE", "ZZ", "-1", "99999999999999999999", ""};

    private final ExchangeHub hub;
    private final Gateway sender;
    private final Gateway recipient;
    private final String agreement;
    private int serial;

    SoapIntakeFuzzing(ExchangeHub hub) {
        this.hub = hub;
        this.sender = hub.member();
        this.recipient = hub.member();
        this.agreement = hub.world.agreement(sender.member(), recipient.member());
    }

    /** One fuzz case from a source of randomness: a mutated signed request, or a request signed after mutation. */
    byte[] input(Random random) {
        return random.nextInt(3) == 0 ? mutate(seed(random), random, 1 + random.nextInt(4))
                : signed(mutatedBody(random));
    }

    /** Sends {@code input} and checks the property; returns the reply. */
    Reply check(byte[] input) {
        Reply reply = hub.send(input);
        assertThat(reply.raw()).as("an answer").isNotEmpty();
        Element body = (Element) reply.document().getElementsByTagNameNS(SignedRequest.SOAP11_NS, "Body").item(0);
        assertThat(body).as("a SOAP 1.1 Body in " + reply.text()).isNotNull();
        if (reply.isFault()) {
            QName code = reply.faultCode();
            assertThat(code.getNamespaceURI()).isEqualTo(FaultCode.NAMESPACE);
            assertThat(code.getLocalPart()).as("fault code; reason " + reply.faultString()).isIn(CATALOGUE);
            assertThat(body.getTextContent()).doesNotContain("Exception", "java.", "javax.", "org.apache",
                    "org.originhub", "Caused by", "\tat ", "com.ctc");
        } else {
            Element answer = firstElement(body);
            assertThat(answer.getNamespaceURI()).isEqualTo(ExchangeHub.EXCHANGE_NS);
            assertThat(answer.getLocalName()).endsWith("Response");
            HubSignature.assertSignedByHub(reply.document(), hub.hubKey.certificate());
        }
        return reply;
    }

    // ------------------------------------------------------------------ seeds

    private byte[] seed(Random random) {
        return signed(seedBody(random));
    }

    private String seedBody(Random random) {
        String number = "FZ-" + (++serial) + "-" + Long.toHexString(random.nextLong() & 0xffffffL);
        Submission co = Envelopes.co(sender.member(), recipient.member(), agreement, number);
        switch (random.nextInt(7)) {
            case 0:
                return ExchangeHub.submitBody(co).replace("SubmitDocumentRequest", "ValidateDocumentRequest");
            case 1:
                return "<ex:GetTrackingInfoRequest xmlns:ex=\"" + ExchangeHub.EXCHANGE_NS + "\"><ex:TrackingNumber>"
                        + "OH-" + number + "</ex:TrackingNumber></ex:GetTrackingInfoRequest>";
            case 2:
                return "<ex:ListInboxRequest xmlns:ex=\"" + ExchangeHub.EXCHANGE_NS + "\"><ex:MaxItems>"
                        + random.nextInt(10) + "</ex:MaxItems></ex:ListInboxRequest>";
            case 3:
                return "<ex:GetDocumentStatusRequest xmlns:ex=\"" + ExchangeHub.EXCHANGE_NS + "\">"
                        + "<ex:IssuingMemberState>" + sender.code() + "</ex:IssuingMemberState><ex:IssuerCoNumber>"
                        + number + "</ex:IssuerCoNumber></ex:GetDocumentStatusRequest>";
            case 4:
                return "<ex:AcknowledgeDeliveryRequest xmlns:ex=\"" + ExchangeHub.EXCHANGE_NS + "\" xmlns:env=\""
                        + ExchangeHub.ENVELOPE_NS + "\"><ex:TrackingNumber>OH-" + number + "</ex:TrackingNumber>"
                        + "<ex:Acknowledgement><env:Kind>OK</env:Kind></ex:Acknowledgement>"
                        + "</ex:AcknowledgeDeliveryRequest>";
            case 5:
                return "<ex:PullDocumentsRequest xmlns:ex=\"" + ExchangeHub.EXCHANGE_NS + "\"><ex:MaxDocuments>"
                        + (1 + random.nextInt(5)) + "</ex:MaxDocuments></ex:PullDocumentsRequest>";
            default:
                return ExchangeHub.submitBody(co);
        }
    }

    /** A request body whose envelope values or payload bytes were mutated before signing: it passes security. */
    private String mutatedBody(Random random) {
        if (random.nextInt(4) == 0) {
            return seedBody(random);
        }
        String number = "FZ-" + (++serial);
        Submission co = Envelopes.co(sender.member(), recipient.member(), agreement, number);
        byte[] payload = random.nextBoolean() ? mutate(Documents.co(sender.code(), number, agreement), random,
                1 + random.nextInt(3)) : co.payload();
        EnvelopeData e = co.envelope();
        String[] fields = {e.from(), e.to(), e.agreement(), e.coNumber(), e.senderMessageId()};
        int changed = random.nextInt(fields.length + 1);
        if (changed < fields.length) {
            fields[changed] = token(random) + (random.nextBoolean() ? fields[changed] : "") + token(random);
        }
        EnvelopeData envelope = new EnvelopeData(fields[0], fields[1], fields[2], e.documentType(), e.function(),
                fields[3], fields[4], e.references(), e.responseKind(), e.verificationResult());
        String mediaType = random.nextInt(8) == 0 ? token(random) + "/xml" : co.mediaType();
        String body = ExchangeHub.submitBody(new Submission(envelope, mediaType, payload));
        return random.nextInt(5) == 0 ? body.replace("SubmitDocumentRequest", "ValidateDocumentRequest") : body;
    }

    private byte[] signed(String body) {
        try {
            return SignedRequest.bytes(SignedRequest.signedBy(sender.certificate()).bodyXml(body).build());
        } catch (IllegalStateException notXml) {
            // a mutated envelope value that XML cannot carry (an unpaired surrogate, a NUL): send it unsigned
            return ("<soapenv:Envelope xmlns:soapenv=\"" + SignedRequest.SOAP11_NS + "\"><soapenv:Body>" + body
                    + "</soapenv:Body></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8);
        }
    }

    // ------------------------------------------------------------------ mutations

    /** Bit flips, token insertions, deletions, duplications (of elements or any range), truncation, splices. */
    static byte[] mutate(byte[] data, Random random, int rounds) {
        byte[] out = data;
        for (int r = 0; r < rounds && out.length > 0; r++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(7)) {
                case 0:
                    out = out.clone();
                    out[at] ^= (byte) (1 << random.nextInt(8));
                    break;
                case 1:
                    out = splice(out, at, at, token(random).getBytes(StandardCharsets.UTF_8));
                    break;
                case 2:
                    out = splice(out, at, Math.min(out.length, at + 1 + random.nextInt(64)), new byte[0]);
                    break;
                case 3:
                    int end = Math.min(out.length, at + 1 + random.nextInt(256));
                    out = splice(out, end, end, java.util.Arrays.copyOfRange(out, at, end));
                    break;
                case 4:
                    out = java.util.Arrays.copyOf(out, at);
                    break;
                case 5:
                    out = duplicateElement(out, random);
                    break;
                default:
                    int from = random.nextInt(out.length);
                    out = splice(out, at, at, java.util.Arrays.copyOfRange(out, from,
                            Math.min(out.length, from + random.nextInt(128))));
                    break;
            }
        }
        return out;
    }

    /** Repeats one element (start tag to its end tag, by name) right after itself. */
    private static byte[] duplicateElement(byte[] data, Random random) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int start = text.indexOf('<', random.nextInt(text.length()));
        if (start < 0 || start + 1 >= text.length() || !Character.isLetter(text.charAt(start + 1))) {
            return data;
        }
        int nameEnd = start + 1;
        while (nameEnd < text.length() && " />\t\n\r".indexOf(text.charAt(nameEnd)) < 0) {
            nameEnd++;
        }
        String close = "</" + text.substring(start + 1, nameEnd) + ">";
        int end = text.indexOf(close, nameEnd);
        if (end < 0) {
            return data;
        }
        end += close.length();
        return splice(data, end, end, java.util.Arrays.copyOfRange(data, start, end));
    }

    private static byte[] splice(byte[] data, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + insert.length);
        out.write(data, 0, from);
        out.writeBytes(insert);
        out.write(data, to, data.length - to);
        return out.toByteArray();
    }

    private static String token(Random random) {
        return TOKENS[random.nextInt(TOKENS.length)];
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new AssertionError("an empty Body");
    }

    static String describe(byte[] input) {
        return Base64.getEncoder().encodeToString(input);
    }

    static List<String> catalogue() {
        return List.copyOf(CATALOGUE);
    }
}
