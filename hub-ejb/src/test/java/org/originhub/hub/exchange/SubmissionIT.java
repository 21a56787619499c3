package org.originhub.hub.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.originhub.hub.exchange.Envelopes.co;
import static org.originhub.hub.exchange.Envelopes.messageId;
import static org.originhub.hub.exchange.Envelopes.with;
import static org.originhub.hub.exchange.Envelopes.withMessageId;
import static org.originhub.hub.exchange.Envelopes.xml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.exchange.ExchangeWorld.Member;
import org.originhub.hub.exchange.boundary.CoStatusView;
import org.originhub.hub.exchange.boundary.ExchangeRefusedException;
import org.originhub.hub.exchange.boundary.Intake;
import org.originhub.hub.exchange.boundary.Receipt;
import org.originhub.hub.exchange.boundary.Sender;
import org.originhub.hub.exchange.boundary.Submission;
import org.originhub.hub.exchange.entity.DocumentFunction;
import org.originhub.hub.exchange.entity.EnvelopeData;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.hub.exchange.entity.Finding;
import org.originhub.hub.exchange.entity.MessagePayload;
import org.originhub.hub.exchange.entity.Reference;
import org.originhub.hub.exchange.entity.Refusal;
import org.originhub.hub.exchange.entity.TrackingNumber;
import org.originhub.hub.lifecycle.entity.DocumentStatus;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.registry.testing.MutableClock;
import org.originhub.registry.testing.RegistryHarness;

/**
 * Submitting documents on the real schema: what is stored (byte for byte), the refusal for every rule with its audit
 * record, idempotency including two identical submissions at the same moment on two "nodes", and duplicates.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class SubmissionIT {

    private ExchangeWorld hub;
    private Member kenya;
    private Member tanzania;
    private Member uganda;
    private String agreement;

    @BeforeEach
    void community(DataSource dataSource) {
        hub = new ExchangeWorld(ExchangeWorld.persistence(dataSource), new MutableClock());
        kenya = hub.member(DeliveryMode.PUSH);
        tanzania = hub.member(DeliveryMode.PULL);
        uganda = hub.member(DeliveryMode.PULL);
        agreement = hub.agreement(kenya, tanzania);
    }

    @Test
    void aCoIsStoredByteForByteWithItsHashAndIssuedInTheRegister() throws Exception {
        // Latin-1 with its own declaration, CRLF line ends, tabs and trailing blanks: nothing may be normalised
        String text = new String(Documents.co(kenya.code(), "KE-2026-0001", agreement), StandardCharsets.UTF_8)
                .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"").replace("\n", "\r\n")
                .replace("Tea, black, fermented", "Th\u00e9 noir, \t ferment\u00e9  ") + "  \r\n\t";
        byte[] payload = text.getBytes(StandardCharsets.ISO_8859_1);
        Submission submission = xml(co(kenya, tanzania, agreement, "KE-2026-0001").envelope(), payload);

        Receipt receipt = hub.submit(kenya.sender(), submission);

        assertThat(receipt.trackingNumber()).matches(TrackingNumber.PATTERN).startsWith("OH-");
        assertThat(receipt.payloadSha256()).isEqualTo(sha256Hex(payload));
        assertThat(receipt.receivedAt()).isEqualTo(hub.clock.instant());
        ExchangeMessage stored = hub.message(receipt.trackingNumber());
        byte[] storedBytes = hub.inTransaction(em -> em.find(MessagePayload.class, stored.id())
                .content());
        assertThat(storedBytes).isEqualTo(payload);
        assertThat(sha256Hex(storedBytes)).isEqualTo(receipt.payloadSha256());
        assertThat(stored.payloadSize()).isEqualTo(payload.length);
        assertThat(stored.senderCertificate()).isEqualTo(kenya.fingerprint());
        assertThat(stored.deliveryMode()).isEqualTo(DeliveryMode.PULL);
        assertThat(stored.receivedAt()).isEqualTo(receipt.receivedAt());

        CoStatusView status = hub.tx(w -> w.exchanges.documentStatus(tanzania.sender(), kenya.code(),
                "KE-2026-0001")).orElseThrow();
        assertThat(status.status()).isEqualTo(DocumentStatus.ISSUED);
        assertThat(status.importingMember()).isEqualTo(tanzania.code());
        assertThat(status.history()).extracting(CoStatusView.Change::trackingNumber)
                .containsExactly(receipt.trackingNumber());
        Optional<CoStatusView> outsider = hub.tx(w -> w.exchanges.documentStatus(uganda.sender(), kenya.code(),
                "KE-2026-0001"));
        assertThat(outsider).isEmpty();
        List<AuditRecord> received = hub.audits("DOCUMENT_RECEIVED", receipt.trackingNumber());
        assertThat(received).hasSize(1);
        assertThat(received.get(0).entry().coNumber()).isEqualTo("KE-2026-0001");
        assertThat(received.get(0).entry().recipientMember()).isEqualTo(tanzania.code());
        assertThat(received.get(0).entry().detail()).contains("sha256=" + receipt.payloadSha256())
                .doesNotContain("Th\u00e9");
        assertThat(hub.audits("DOCUMENT_STATUS_CHANGED", receipt.trackingNumber())).hasSize(1);
    }

    @Test
    void theSameSubmissionAgainReturnsTheFirstReceiptAndStoresNothing() {
        Submission submission = co(kenya, tanzania, agreement, "KE-IDEM-1");
        Receipt first = hub.submit(kenya.sender(), submission);
        hub.clock.advance(java.time.Duration.ofMinutes(3));

        Receipt again = hub.submit(kenya.sender(), submission);

        assertThat(again).isEqualTo(first);
        assertThat(messagesFrom(kenya)).isEqualTo(1);
        assertThat(hub.audits("SUBMISSION_REPEATED", first.trackingNumber())).hasSize(1);
    }

    @Test
    void aMessageIdUsedForOtherContentIsADuplicateQuotingTheFirstTrackingNumber() {
        Submission submission = co(kenya, tanzania, agreement, "KE-DUP-1");
        Receipt first = hub.submit(kenya.sender(), submission);
        Submission other = with(co(kenya, tanzania, agreement, "KE-DUP-2"),
                withMessageId(co(kenya, tanzania, agreement, "KE-DUP-2").envelope(),
                        submission.envelope().senderMessageId()));

        ExchangeRefusedException refused = refusal(kenya, other);

        assertThat(refused.refusal()).isEqualTo(Refusal.DUPLICATE);
        assertThat(refused.getMessage()).contains(first.trackingNumber()).contains("SenderMessageId");
        assertThat(messagesFrom(kenya)).isEqualTo(1);
    }

    @Test
    void aNewCoWhoseMessageIdIsTakenIsADuplicateEvenWhenALaterCheckWouldRefuseItToo() {
        // a NEW CO is stored without looking up its duplicates first (the unique keys decide); a refusal by a later
        // step must still give way to the Duplicate that the earlier step finds
        Submission submission = co(kenya, tanzania, agreement, "KE-ORDER-1");
        Receipt first = hub.submit(kenya.sender(), submission);
        EnvelopeData e = co(kenya, tanzania, agreement, "KE-ORDER-2").envelope();
        Submission other = with(co(kenya, tanzania, agreement, "KE-ORDER-2"), new EnvelopeData(e.from(), e.to(),
                e.agreement(), e.documentType(), e.function(), e.coNumber(), submission.envelope().senderMessageId(),
                List.of(new Reference("OH-NO-SUCH-DOCUMENT", null)), e.responseKind(), e.verificationResult()));

        ExchangeRefusedException refused = refusal(kenya, other);

        assertThat(refused.refusal()).isEqualTo(Refusal.DUPLICATE);
        assertThat(refused.getMessage()).contains(first.trackingNumber()).contains("SenderMessageId");
        assertThat(messagesFrom(kenya)).isEqualTo(1);
    }

    @Test
    void aSecondNewCoWithTheSameNumberIsADuplicate() {
        Receipt first = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-DUP-CO"));

        ExchangeRefusedException refused = refusal(kenya, co(kenya, tanzania, agreement, "KE-DUP-CO"));

        assertThat(refused.refusal()).isEqualTo(Refusal.DUPLICATE);
        assertThat(refused.getMessage()).contains("Envelope/IssuerCoNumber").contains(first.trackingNumber());
    }

    @Test
    void twoIdenticalSubmissionsAtTheSameMomentOnTwoNodesStoreOneMessageAndGetOneReceipt() throws Exception {
        ExchangeWorld otherNode = new ExchangeWorld(hub.persistence, hub.clock);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                String number = "KE-RACE-" + round;
                Submission submission = co(kenya, tanzania, agreement, number);
                CountDownLatch start = new CountDownLatch(1);
                Callable<Receipt> first = () -> {
                    start.await();
                    return hub.submit(kenya.sender(), submission);
                };
                Callable<Receipt> second = () -> {
                    start.await();
                    return otherNode.submit(kenya.sender(), submission);
                };
                Future<Receipt> a = threads.submit(first);
                Future<Receipt> b = threads.submit(second);
                start.countDown();
                Receipt ra = a.get(60, TimeUnit.SECONDS);
                Receipt rb = b.get(60, TimeUnit.SECONDS);

                assertThat(ra).isEqualTo(rb);
                long rows = hub.inTransaction(em -> em.createQuery("SELECT COUNT(m) FROM "
                        + "ExchangeMessage m WHERE m.coNumber = :n", Long.class)
                        .setParameter("n", number).getSingleResult());
                assertThat(rows).as("round %d", round).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void manySubmissionsOfOneSenderAtOnceOnEightNodesAreAllStoredWithoutADeadlock() throws Exception {
        // ./hub bench found two submissions of one sender deadlocking in the exchange_message indexes: under
        // REPEATABLE READ a locking read that finds nothing (the predecessor of a NEW CO, the committed twin) takes a
        // gap lock, two intakes into the same gap both hold it and then both INSERT. On MariaDB 10.11.5 such a
        // deadlock can crash the server (MDEV-24035), so retrying is not enough: there must be none. Message ids
        // and CO numbers ascend, as from a gateway's outbox, so every insert lands in the same gap; every other
        // document replaces the node's previous CO, so locking reads that do find rows run beside the inserts.
        int nodeCount = 8;
        int perNode = 20;
        List<ExchangeWorld> nodes = new ArrayList<>();
        nodes.add(hub);
        while (nodes.size() < nodeCount) {
            nodes.add(new ExchangeWorld(hub.persistence, hub.clock));
        }
        long deadlocksBefore = org.originhub.hub.exchange.control.Conflicts.deadlocks();
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Receipt>>> results = new ArrayList<>();
            for (int n = 0; n < nodes.size(); n++) {
                ExchangeWorld node = nodes.get(n);
                int index = n;
                results.add(threads.submit(() -> {
                    start.await();
                    List<Receipt> receipts = new ArrayList<>();
                    for (int i = 0; i < perNode; i++) {
                        String number = "KE-LOAD-" + index + "-" + i;
                        receipts.add(node.submit(kenya.sender(), i % 2 == 0
                                ? co(kenya, tanzania, agreement, number)
                                : Envelopes.replacement(kenya, tanzania, agreement, number,
                                        "KE-LOAD-" + index + "-" + (i - 1))));
                    }
                    return receipts;
                }));
            }
            start.countDown();
            java.util.Set<String> trackingNumbers = new java.util.HashSet<>();
            for (Future<List<Receipt>> result : results) {
                result.get(300, TimeUnit.SECONDS).forEach(r -> trackingNumbers.add(r.trackingNumber()));
            }

            assertThat(trackingNumbers).hasSize(nodeCount * perNode);
            long rows = hub.inTransaction(em -> em.createQuery("SELECT COUNT(m) FROM ExchangeMessage m WHERE "
                    + "m.coNumber LIKE 'KE-LOAD-%'", Long.class).getSingleResult());
            assertThat(rows).isEqualTo(nodeCount * perNode);
            long replaced = hub.inTransaction(em -> em.createQuery("SELECT COUNT(c) FROM CoRecord c WHERE "
                    + "c.coNumber LIKE 'KE-LOAD-%' AND c.status = :replaced", Long.class)
                    .setParameter("replaced", DocumentStatus.REPLACED).getSingleResult());
            assertThat(replaced).isEqualTo(nodeCount * perNode / 2);
            assertThat(org.originhub.hub.exchange.control.Conflicts.deadlocks() - deadlocksBefore)
                    .as("deadlocks met (and retried) by the intake").isZero();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aDocumentDueForAPushGatewayStartsDeliveryAtOnceAndNoOtherDoes() {
        // kenya's gateway is PUSH, tanzania's PULL
        Receipt due = hub.submit(tanzania.sender(), co(tanzania, kenya, agreement, "TZ-DUE-1"));
        Receipt heldBack = hub.submit(tanzania.sender(), Envelopes.replacement(tanzania, kenya, agreement,
                "TZ-DUE-2", "TZ-DUE-1"));
        Receipt pulled = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-DUE-1"));

        assertThat(hub.message(heldBack.trackingNumber()).delivery().dependencyOpen()).isTrue();
        assertThat(hub.pushDue.fired()).extracting(org.originhub.hub.exchange.boundary.PushDue::trackingNumber)
                .contains(due.trackingNumber())
                .doesNotContain(heldBack.trackingNumber(), pulled.trackingNumber());
    }

    @Test
    void fromMustBeTheSignersMember() {
        ExchangeRefusedException refused = refusal(tanzania, co(kenya, tanzania, agreement, "KE-SPOOF"));

        assertThat(refused.refusal()).isEqualTo(Refusal.SENDER_MISMATCH);
        assertRejectedAndAudited(tanzania, "SenderMismatch");
    }

    @Test
    void anOversizedPayloadIsTooLargeAndNeverParsed() {
        ExchangeWorld.set(hub.intake, "maxMessageBytes", 2000L);
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        big.writeBytes("<!DOCTYPE x [<!ENTITY a 'a'>]><x>".getBytes(StandardCharsets.UTF_8));
        big.writeBytes(new byte[3000]);
        Submission submission = xml(co(kenya, tanzania, agreement, "KE-BIG").envelope(), big.toByteArray());

        ExchangeRefusedException refused = refusal(kenya, submission);

        assertThat(refused.refusal()).isEqualTo(Refusal.TOO_LARGE);
        assertThat(refused.getMessage()).contains("2000");
        assertRejectedAndAudited(kenya, "TooLarge");
    }

    @Test
    void onlyXmlPayloadsAreCarried() {
        Submission pdf = new Submission(co(kenya, tanzania, agreement, "KE-PDF").envelope(), "application/pdf",
                "%PDF-1.7".getBytes(StandardCharsets.US_ASCII));

        ExchangeRefusedException refused = refusal(kenya, pdf);

        assertThat(refused.refusal()).isEqualTo(Refusal.TYPE_NOT_ALLOWED);
        assertThat(refused.getMessage()).startsWith("Payload/MediaType");
    }

    @Test
    void anInvalidCoIsSchemaInvalidNamingTheFirstOffendingField() {
        String text = new String(Documents.co(kenya.code(), "KE-BAD", agreement), StandardCharsets.UTF_8);
        int second = text.indexOf("<HsCode>090121</HsCode>");
        byte[] broken = (text.substring(0, second) + text.substring(second + "<HsCode>090121</HsCode>".length()))
                .getBytes(StandardCharsets.UTF_8);

        ExchangeRefusedException refused = refusal(kenya, xml(co(kenya, tanzania, agreement, "KE-BAD").envelope(),
                broken));

        assertThat(refused.refusal()).isEqualTo(Refusal.SCHEMA_INVALID);
        assertThat(refused.getMessage()).startsWith("CertificateOfOrigin/GoodsItem[2]").contains("HsCode");
        assertRejectedAndAudited(kenya, "SchemaInvalid");
    }

    @Test
    void aPayloadThatDoesNotMatchItsEnvelopeIsSchemaInvalid() {
        Submission otherNumber = xml(co(kenya, tanzania, agreement, "KE-ENV-1").envelope(),
                Documents.co(kenya.code(), "KE-ENV-2", agreement));

        ExchangeRefusedException refused = refusal(kenya, otherNumber);

        assertThat(refused.refusal()).isEqualTo(Refusal.SCHEMA_INVALID);
        assertThat(refused.getMessage()).startsWith("CertificateOfOrigin/ReferenceNumber")
                .contains("Envelope/IssuerCoNumber");
    }

    @Test
    void aDoctypeIsRefusedBeforeAnyEntityIsExpanded() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<CertificateOfOrigin xmlns=\"urn:originhub:co:v1\">&x;</CertificateOfOrigin>")
                .getBytes(StandardCharsets.UTF_8);

        ExchangeRefusedException refused = refusal(kenya, xml(co(kenya, tanzania, agreement, "KE-XXE").envelope(),
                xxe));

        assertThat(refused.refusal()).isEqualTo(Refusal.SCHEMA_INVALID);
        assertThat(refused.getMessage()).contains("DOCTYPE").doesNotContain("root:");
    }

    @Test
    void theRecipientMustBeAnActiveMemberWithAnActiveGateway() {
        Submission unknown = with(co(kenya, tanzania, agreement, "KE-NOONE"), envelope(kenya.code(), "ZZ",
                agreement, "KE-NOONE"));
        assertThat(refusal(kenya, unknown).refusal()).isEqualTo(Refusal.UNKNOWN_RECIPIENT);

        new RegistryHarness(hub.persistence).run(h -> h.memberStates.suspend(ExchangeWorld.ADMIN, tanzania.code(),
                "test"));
        ExchangeRefusedException refused = refusal(kenya, co(kenya, tanzania, agreement, "KE-SUSP"));

        assertThat(refused.refusal()).isEqualTo(Refusal.UNKNOWN_RECIPIENT);
        assertThat(refused.getMessage()).contains("SUSPENDED");
        assertRejectedAndAudited(kenya, "UnknownRecipient");
    }

    @Test
    void senderAndRecipientMustBothBePartiesToAnAgreementInForce() {
        ExchangeRefusedException notParty = refusal(kenya, co(kenya, uganda, agreement, "KE-UG"));
        assertThat(notParty.refusal()).isEqualTo(Refusal.NOT_PARTY);
        assertThat(notParty.getMessage()).contains(uganda.code() + " is not a party");

        Submission noAgreement = xml(envelope(kenya.code(), tanzania.code(), "NO-SUCH-FTA", "KE-NOFTA"),
                Documents.co(kenya.code(), "KE-NOFTA", "NO-SUCH-FTA"));
        ExchangeRefusedException unknown = refusal(kenya, noAgreement);
        assertThat(unknown.refusal()).isEqualTo(Refusal.NOT_PARTY);
        assertThat(unknown.getMessage()).contains("no agreement NO-SUCH-FTA");
    }

    @Test
    void theRecipientsGatewayMustBeAllowedToReceiveTheType() {
        Member picky = hub.member(DeliveryMode.PULL, List.of("SEND:CERTIFICATE_OF_ORIGIN"));
        String fta = hub.agreement(kenya, picky);

        ExchangeRefusedException refused = refusal(kenya, co(kenya, picky, fta, "KE-PICKY"));

        assertThat(refused.refusal()).isEqualTo(Refusal.TYPE_NOT_ALLOWED);
        assertThat(refused.getMessage()).contains("RECEIVE:CERTIFICATE_OF_ORIGIN");
        ExchangeRefusedException cannotSend = refusal(picky, Envelopes.response(picky, kenya, fta, "KE-X",
                org.originhub.hub.exchange.entity.BusinessResponseKind.ACCEPTED));
        assertThat(cannotSend.refusal()).isEqualTo(Refusal.TYPE_NOT_ALLOWED);
        assertThat(cannotSend.getMessage()).contains("SEND:BUSINESS_RESPONSE");
    }

    @Test
    void referencesMustNameSomethingTheCallerExchanged() {
        ExchangeRefusedException replacesNothing = refusal(kenya, Envelopes.replacement(kenya, tanzania, agreement,
                "KE-R-1", "KE-NEVER"));
        assertThat(replacesNothing.refusal()).isEqualTo(Refusal.UNKNOWN_REFERENCE);

        Receipt foreign = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-FOREIGN"));
        Member other = hub.member(DeliveryMode.PULL);
        String fta = hub.agreement(other, tanzania);
        EnvelopeData citing = new EnvelopeData(other.code(), tanzania.code(), fta,
                DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.NEW, "OT-1", messageId(),
                List.of(Reference.tracking(foreign.trackingNumber())), null, null);
        ExchangeRefusedException notTheirs = refusal(other, xml(citing, Documents.co(other.code(), "OT-1", fta)));
        assertThat(notTheirs.refusal()).isEqualTo(Refusal.UNKNOWN_REFERENCE);
        assertThat(notTheirs.getMessage()).contains(foreign.trackingNumber()).contains("Reference[1]");

        ExchangeRefusedException responseToNothing = refusal(tanzania, Envelopes.response(tanzania, kenya,
                agreement, "KE-NEVER", org.originhub.hub.exchange.entity.BusinessResponseKind.ACCEPTED));
        assertThat(responseToNothing.refusal()).isEqualTo(Refusal.UNKNOWN_REFERENCE);
        assertRejectedAndAudited(tanzania, "UnknownReference");
    }

    @Test
    void anEnvelopeThatDoesNotMatchTheContractIsAnInvalidRequest() {
        Submission bad = with(co(kenya, tanzania, agreement, "KE-SHAPE"), new EnvelopeData(kenya.code(), "tz1",
                agreement, DocumentType.CERTIFICATE_OF_ORIGIN, null, "KE-SHAPE", "has space", List.of(), null, null));

        ExchangeRefusedException refused = refusal(kenya, bad);

        assertThat(refused.refusal()).isEqualTo(Refusal.INVALID_REQUEST);
        assertThat(refused.getMessage()).startsWith("Envelope/To");
        assertRejectedAndAudited(kenya, "InvalidRequest");
    }

    @Test
    void validateReportsEveryFindingAndStoresNothing() {
        String text = new String(Documents.co(kenya.code(), "KE-VAL", agreement), StandardCharsets.UTF_8)
                .replace("<HsCode>090230</HsCode>", "<HsCode>9</HsCode>")
                .replace("<OriginCountry>" + kenya.code() + "</OriginCountry>", "<OriginCountry>KEN</OriginCountry>");
        Submission submission = xml(co(kenya, uganda, agreement, "KE-VAL").envelope(),
                text.getBytes(StandardCharsets.UTF_8));
        long before = messagesFrom(kenya);

        List<Finding> findings = hub.tx(w -> w.exchanges.validate(kenya.sender(), submission));

        assertThat(findings).extracting(Finding::code).contains("SchemaInvalid", "NotParty");
        assertThat(findings).filteredOn(f -> f.code().equals("SchemaInvalid")).extracting(Finding::field)
                .anyMatch(f -> f.endsWith("HsCode")).anyMatch(f -> f.contains("GoodsItem[2]/OriginCountry"));
        assertThat(messagesFrom(kenya)).isEqualTo(before);
        assertThat(hub.audits("DOCUMENT_VALIDATED", kenya.code())).singleElement()
                .satisfies(r -> assertThat(r.entry().detail()).contains("valid=false"));

        Submission good = co(kenya, tanzania, agreement, "KE-VAL-OK");
        List<Finding> none = hub.tx(w -> w.exchanges.validate(kenya.sender(), good));
        assertThat(none).isEmpty();
        assertThat(messagesFrom(kenya)).isEqualTo(before);
        // the message id was not consumed
        assertThat(hub.submit(kenya.sender(), good).trackingNumber()).isNotBlank();
    }

    private EnvelopeData envelope(String from, String to, String fta, String number) {
        return new EnvelopeData(from, to, fta, DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.NEW, number,
                messageId(), List.of(), null, null);
    }

    private ExchangeRefusedException refusal(Member sender, Submission submission) {
        return refusal(hub, sender.sender(), submission);
    }

    static ExchangeRefusedException refusal(ExchangeWorld hub, Sender sender, Submission submission) {
        ExchangeRefusedException refused = catchThrowableOfType(ExchangeRefusedException.class,
                () -> hub.submit(sender, submission));
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }

    private void assertRejectedAndAudited(Member sender, String code) {
        List<AuditRecord> rejected = new ArrayList<>(hub.audits("DOCUMENT_REJECTED", sender.code()));
        assertThat(rejected).isNotEmpty();
        AuditRecord last = rejected.get(rejected.size() - 1);
        assertThat(last.entry().detail()).startsWith(code + ": ");
        assertThat(last.entry().outcome().name()).isEqualTo("REJECTED");
        assertThat(last.entry().actor()).isEqualTo(sender.fingerprint());
        assertThat(messagesFrom(sender)).isZero();
    }

    private long messagesFrom(Member member) {
        return hub.inTransaction(em -> em.createQuery("SELECT COUNT(m) FROM ExchangeMessage m "
                + "WHERE m.senderMember = :m", Long.class).setParameter("m", member.code()).getSingleResult());
    }

    /**
     * The test's own SHA-256 of {@code bytes}, lower-case hex, computed apart from the hub's code (and checked
     * against the FIPS 180-2 vector for "abc", so that it is an oracle and not a copy of what it checks).
     */
    private static String sha256Hex(byte[] bytes) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        assertThat(HexFormat.of().formatHex(digest.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        return HexFormat.of().formatHex(digest.digest(bytes));
    }
}
