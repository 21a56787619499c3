package org.originhub.hub.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.originhub.hub.exchange.Envelopes.cancellation;
import static org.originhub.hub.exchange.Envelopes.co;
import static org.originhub.hub.exchange.Envelopes.replacement;
import static org.originhub.hub.exchange.Envelopes.response;
import static org.originhub.hub.exchange.Envelopes.verificationRequest;
import static org.originhub.hub.exchange.Envelopes.verificationResponse;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.delivery.entity.AcknowledgementKind;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.exchange.ExchangeWorld.Member;
import org.originhub.hub.exchange.boundary.CoStatusView;
import org.originhub.hub.exchange.boundary.DeliveredDocument;
import org.originhub.hub.exchange.boundary.ExchangeRefusedException;
import org.originhub.hub.exchange.boundary.Exchanges;
import org.originhub.hub.exchange.boundary.Inbox;
import org.originhub.hub.exchange.boundary.InboxItem;
import org.originhub.hub.exchange.boundary.PulledDocuments;
import org.originhub.hub.exchange.boundary.Receipt;
import org.originhub.hub.exchange.boundary.Sender;
import org.originhub.hub.exchange.boundary.Submission;
import org.originhub.hub.exchange.boundary.TrackingView;
import org.originhub.hub.exchange.entity.BusinessResponseKind;
import org.originhub.hub.lifecycle.entity.DocumentStatus;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.hub.exchange.entity.Refusal;
import org.originhub.hub.exchange.entity.VerificationResult;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.testing.MutableClock;

/**
 * The CO life cycle through a full exchange between two PULL members, the ordering per CO (a later document about a
 * CO is held back until the earlier one is acknowledged), and the PULL side: inbox, pull, acknowledge, tracking.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class LifecycleAndInboxIT {

    private ExchangeWorld hub;
    private Member kenya;
    private Member tanzania;
    private Member uganda;
    private String agreement;

    @BeforeEach
    void community(DataSource dataSource) {
        hub = new ExchangeWorld(ExchangeWorld.persistence(dataSource), new MutableClock());
        kenya = hub.member(DeliveryMode.PULL);
        tanzania = hub.member(DeliveryMode.PULL);
        uganda = hub.member(DeliveryMode.PULL);
        agreement = hub.agreement(kenya, tanzania, uganda);
    }

    @Test
    void aCoLivesThroughReplacementResponsesVerificationAndCancellation() {
        Receipt issued = deliver(kenya, tanzania, co(kenya, tanzania, agreement, "KE-1"));
        assertStatus("KE-1", DocumentStatus.ISSUED);

        deliver(tanzania, kenya, response(tanzania, kenya, agreement, "KE-1", BusinessResponseKind.ACCEPTED));
        assertStatus("KE-1", DocumentStatus.ACCEPTED);

        Receipt replaced = deliver(kenya, tanzania, replacement(kenya, tanzania, agreement, "KE-1-R1", "KE-1"));
        assertStatus("KE-1", DocumentStatus.REPLACED);
        assertStatus("KE-1-R1", DocumentStatus.ISSUED);

        ExchangeRefusedException late = refusal(tanzania, response(tanzania, kenya, agreement, "KE-1",
                BusinessResponseKind.UTILISED));
        assertThat(late.refusal()).isEqualTo(Refusal.INVALID_REQUEST);
        assertThat(late.getMessage()).contains("replaced by KE-1-R1");

        deliver(tanzania, kenya, response(tanzania, kenya, agreement, "KE-1-R1", BusinessResponseKind.UTILISED));
        assertStatus("KE-1-R1", DocumentStatus.UTILISED);
        ExchangeRefusedException twice = refusal(tanzania, response(tanzania, kenya, agreement, "KE-1-R1",
                BusinessResponseKind.UTILISED));
        assertThat(twice.getMessage()).contains("already utilised");

        ExchangeRefusedException unasked = refusal(kenya, verificationResponse(kenya, tanzania, agreement,
                "KE-1-R1", "VR-1", VerificationResult.CONFIRMED));
        assertThat(unasked.refusal()).isEqualTo(Refusal.UNKNOWN_REFERENCE);

        deliver(tanzania, kenya, verificationRequest(tanzania, kenya, agreement, "KE-1-R1", "VR-1"));
        assertStatus("KE-1-R1", DocumentStatus.VERIFICATION_REQUESTED);
        ExchangeRefusedException otherRequest = refusal(kenya, verificationResponse(kenya, tanzania, agreement,
                "KE-1-R1", "VR-2", VerificationResult.CONFIRMED));
        assertThat(otherRequest.refusal()).isEqualTo(Refusal.UNKNOWN_REFERENCE);
        assertThat(otherRequest.getMessage()).contains("the open one is VR-1");

        deliver(kenya, tanzania, verificationResponse(kenya, tanzania, agreement, "KE-1-R1", "VR-1",
                VerificationResult.NOT_CONFIRMED));
        assertStatus("KE-1-R1", DocumentStatus.NOT_CONFIRMED);

        Receipt cancelled = deliver(kenya, tanzania, cancellation(kenya, tanzania, agreement, "KE-1-R1"));
        CoStatusView status = assertStatus("KE-1-R1", DocumentStatus.CANCELLED);
        assertThat(status.history()).extracting(CoStatusView.Change::status).containsExactly(DocumentStatus.ISSUED,
                DocumentStatus.UTILISED, DocumentStatus.VERIFICATION_REQUESTED, DocumentStatus.NOT_CONFIRMED,
                DocumentStatus.CANCELLED);
        assertThat(status.history().get(0).trackingNumber()).isEqualTo(replaced.trackingNumber());
        assertThat(status.history().get(4).trackingNumber()).isEqualTo(cancelled.trackingNumber());
        CoStatusView original = assertStatus("KE-1", DocumentStatus.REPLACED);
        assertThat(original.history().get(0).trackingNumber()).isEqualTo(issued.trackingNumber());

        ExchangeRefusedException afterCancel = refusal(tanzania, verificationRequest(tanzania, kenya, agreement,
                "KE-1-R1", "VR-3"));
        assertThat(afterCancel.refusal()).isEqualTo(Refusal.INVALID_REQUEST);
        assertThat(afterCancel.getMessage()).contains("cancelled");
        ExchangeRefusedException cancelAgain = refusal(kenya, cancellation(kenya, tanzania, agreement, "KE-1-R1"));
        assertThat(cancelAgain.refusal()).isEqualTo(Refusal.DUPLICATE);
        assertThat(hub.audits("DOCUMENT_STATUS_CHANGED", cancelled.trackingNumber())).hasSize(1);
    }

    @Test
    void onlyTheImporterRespondsAndOnlyAboutACoItReceived() {
        deliver(kenya, tanzania, co(kenya, tanzania, agreement, "KE-2"));

        ExchangeRefusedException bystander = refusal(uganda, response(uganda, kenya, agreement, "KE-2",
                BusinessResponseKind.ACCEPTED));

        assertThat(bystander.refusal()).isEqualTo(Refusal.UNKNOWN_REFERENCE);
        assertThat(bystander.getMessage()).contains("issued by " + kenya.code() + " to " + uganda.code());
        ExchangeRefusedException otherImporter = refusal(kenya, replacement(kenya, uganda, agreement, "KE-2-R",
                "KE-2"));
        assertThat(otherImporter.refusal()).isEqualTo(Refusal.UNKNOWN_REFERENCE);
        Optional<CoStatusView> hidden = hub.tx(w -> w.exchanges.documentStatus(uganda.sender(), kenya.code(),
                "KE-2"));
        assertThat(hidden).isEmpty();
    }

    @Test
    void aReplacementWaitsInTheInboxUntilTheCoItReplacesIsAcknowledged() {
        Receipt first = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-3"));
        Submission replacement = replacement(kenya, tanzania, agreement, "KE-3-R1", "KE-3");
        Receipt second = hub.submit(kenya.sender(), replacement);
        Receipt third = hub.submit(kenya.sender(), cancellation(kenya, tanzania, agreement, "KE-3-R1"));

        assertThat(inbox(tanzania)).containsExactly(first.trackingNumber());
        ExchangeRefusedException early = catchThrowableOfType(ExchangeRefusedException.class, () -> hub.tx(w ->
                w.exchanges.acknowledge(tanzania.sender(), second.trackingNumber(), AcknowledgementKind.OK, null)));
        assertThat(early.refusal()).isEqualTo(Refusal.INVALID_REQUEST);
        PulledDocuments named = hub.tx(w -> w.exchanges.pull(tanzania.sender(), 10, Set.of(),
                List.of(second.trackingNumber())));
        assertThat(named.documents()).isEmpty();

        acknowledge(tanzania, first, AcknowledgementKind.OK, null);
        assertThat(inbox(tanzania)).containsExactly(second.trackingNumber());
        // the inbox lists the envelope as submitted, its references (read for the whole page at once) included
        InboxItem replacing = hub.tx(w -> w.exchanges.inbox(tanzania.sender(), Set.of(), 10)).items().get(0);
        assertThat(replacing.envelope().references()).isNotEmpty();
        assertThat(replacing.envelope()).isEqualTo(replacement.envelope());

        acknowledge(tanzania, second, AcknowledgementKind.NOT_READABLE, "signature of the official not verifiable");
        assertThat(inbox(tanzania)).containsExactly(third.trackingNumber());
        assertThat(track(kenya, second.trackingNumber()).orElseThrow().status())
                .isEqualTo(DeliveryStatus.DELIVERED_NOT_READABLE);
    }

    @Test
    void pullingRecordsAnAttemptAndLeavesTheDocumentPendingUntilAcknowledged() {
        Submission submission = co(kenya, tanzania, agreement, "KE-4");
        Receipt receipt = hub.submit(kenya.sender(), submission);
        Inbox inbox = hub.tx(w -> w.exchanges.inbox(tanzania.sender(), Set.of(DocumentType.CERTIFICATE_OF_ORIGIN),
                10));
        InboxItem item = inbox.items().stream().filter(i -> i.trackingNumber().equals(receipt.trackingNumber()))
                .findFirst().orElseThrow();
        assertThat(item.payloadSha256()).isEqualTo(receipt.payloadSha256());
        assertThat(item.payloadSize()).isEqualTo(submission.payload().length);
        assertThat(item.envelope()).isEqualTo(submission.envelope());
        Inbox responsesOnly = hub.tx(w -> w.exchanges.inbox(tanzania.sender(),
                Set.of(DocumentType.BUSINESS_RESPONSE), 10));
        assertThat(responsesOnly.items()).isEmpty();

        DeliveredDocument pulled = pullOne(tanzania, receipt);
        assertThat(pulled.payload()).isEqualTo(submission.payload());
        assertThat(pulled.senderCertificateFingerprint()).isEqualTo(kenya.fingerprint());
        assertThat(pulled.envelope()).isEqualTo(submission.envelope());
        pullOne(tanzania, receipt); // still pending: the next pull returns it again

        TrackingView pending = track(kenya, receipt.trackingNumber()).orElseThrow();
        assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING_DELIVERY);
        assertThat(pending.attempts()).isEqualTo(2);
        assertThat(pending.history()).extracting(a -> a.kind() + "/" + a.outcome())
                .containsExactly("PULL/PULLED", "PULL/PULLED");
        assertThat(hub.audits("DOCUMENT_PULLED", receipt.trackingNumber())).hasSize(2);

        ExchangeRefusedException notTheRecipient = catchThrowableOfType(ExchangeRefusedException.class,
                () -> acknowledge(kenya, receipt, AcknowledgementKind.OK, null));
        assertThat(notTheRecipient.refusal()).isEqualTo(Refusal.UNKNOWN_REFERENCE);
        ExchangeRefusedException noText = catchThrowableOfType(ExchangeRefusedException.class,
                () -> acknowledge(tanzania, receipt, AcknowledgementKind.OK_WITH_WARNINGS, " "));
        assertThat(noText.refusal()).isEqualTo(Refusal.INVALID_REQUEST);

        assertThat(acknowledge(tanzania, receipt, AcknowledgementKind.OK_WITH_WARNINGS, "consignee name truncated"))
                .isEqualTo(DeliveryStatus.DELIVERED_WITH_WARNINGS);
        assertThat(acknowledge(tanzania, receipt, AcknowledgementKind.OK_WITH_WARNINGS, "again"))
                .isEqualTo(DeliveryStatus.DELIVERED_WITH_WARNINGS);
        ExchangeRefusedException changedMind = catchThrowableOfType(ExchangeRefusedException.class,
                () -> acknowledge(tanzania, receipt, AcknowledgementKind.NOT_READABLE, "no"));
        assertThat(changedMind.refusal()).isEqualTo(Refusal.INVALID_REQUEST);
        assertThat(hub.audits("DELIVERY_ACKNOWLEDGED", receipt.trackingNumber()))
                .extracting(r -> r.entry().outcome().name())
                .containsExactly("REJECTED", "REJECTED", "SUCCESS", "SUCCESS", "REJECTED");

        TrackingView done = track(kenya, receipt.trackingNumber()).orElseThrow();
        assertThat(done.status()).isEqualTo(DeliveryStatus.DELIVERED_WITH_WARNINGS);
        assertThat(done.acknowledgement()).isEqualTo(AcknowledgementKind.OK_WITH_WARNINGS);
        assertThat(done.acknowledgementText()).isEqualTo("consignee name truncated");
        assertThat(done.acknowledgedAt()).isNotNull();
        assertThat(track(tanzania, receipt.trackingNumber())).isPresent();
        assertThat(track(uganda, receipt.trackingNumber())).isEmpty();
        assertThat(track(kenya, "OH-NOSUCHNUMBER")).isEmpty();
        assertThat(inbox(tanzania)).doesNotContain(receipt.trackingNumber());
    }

    @Test
    void severalDocumentsAreAcknowledgedInOneCallAllOrNone() {
        Receipt first = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-ACK-1"));
        Receipt second = hub.submit(uganda.sender(), co(uganda, tanzania, agreement, "UG-ACK-1"));
        Receipt notForTanzania = hub.submit(kenya.sender(), co(kenya, uganda, agreement, "KE-ACK-2"));
        Receipt done = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-ACK-3"));
        acknowledge(tanzania, done, AcknowledgementKind.NOT_READABLE, "unreadable");

        ExchangeRefusedException unknown = catchThrowableOfType(ExchangeRefusedException.class,
                () -> acknowledgeAll(tanzania, List.of(first, notForTanzania, second)));
        ExchangeRefusedException changedMind = catchThrowableOfType(ExchangeRefusedException.class,
                () -> acknowledgeAll(tanzania, List.of(first, done, second)));

        assertThat(unknown.refusal()).isEqualTo(Refusal.UNKNOWN_REFERENCE);
        assertThat(unknown.getMessage()).contains(notForTanzania.trackingNumber());
        assertThat(changedMind.refusal()).isEqualTo(Refusal.INVALID_REQUEST);
        assertThat(changedMind.getMessage()).contains(done.trackingNumber());
        assertThat(inbox(tanzania)).as("a refused call acknowledges none")
                .contains(first.trackingNumber(), second.trackingNumber());

        assertThat(acknowledgeAll(tanzania, List.of(second, first, second)))
                .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED);
        assertThat(inbox(tanzania)).doesNotContain(first.trackingNumber(), second.trackingNumber());
        assertThat(track(kenya, first.trackingNumber()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(track(uganda, second.trackingNumber()).orElseThrow().status())
                .isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(hub.audits("DELIVERY_ACKNOWLEDGED", first.trackingNumber()))
                .extracting(r -> r.entry().outcome().name()).containsExactly("SUCCESS");
        assertThat(catchThrowableOfType(ExchangeRefusedException.class, () -> hub.tx(w -> w.exchanges.acknowledge(
                tanzania.sender(), List.of(), AcknowledgementKind.OK, null))).refusal())
                .isEqualTo(Refusal.INVALID_REQUEST);
    }

    @Test
    void aFullBatchOfOneHundredIsPulledAndAcknowledgedEachWithItsPayloadAttemptAndAuditRecord() {
        List<Submission> sent = new java.util.ArrayList<>();
        List<Receipt> receipts = new java.util.ArrayList<>();
        for (int i = 0; i < Exchanges.PULL_MAX + 1; i++) {
            Member from = i % 2 == 0 ? kenya : uganda;
            Submission submission = co(from, tanzania, agreement, (i % 2 == 0 ? "KE" : "UG") + "-BATCH-" + i);
            sent.add(submission);
            receipts.add(hub.submit(from.sender(), submission));
        }

        PulledDocuments batch = hub.tx(w -> w.exchanges.pull(tanzania.sender(), Exchanges.PULL_MAX, Set.of(),
                null));

        assertThat(batch.documents()).hasSize(100);
        assertThat(batch.moreAvailable()).isTrue();
        for (int i = 0; i < 100; i++) {
            DeliveredDocument d = batch.documents().get(i);
            assertThat(d.trackingNumber()).isEqualTo(receipts.get(i).trackingNumber());
            assertThat(d.payload()).as("payload of document %d", i).isEqualTo(sent.get(i).payload());
            assertThat(d.envelope()).isEqualTo(sent.get(i).envelope());
            assertThat(track(tanzania, d.trackingNumber()).orElseThrow().attempts()).isEqualTo(1);
            assertThat(hub.audits("DOCUMENT_PULLED", d.trackingNumber())).hasSize(1);
        }
        List<Receipt> pulled = receipts.subList(0, 100);
        assertThat(catchThrowableOfType(ExchangeRefusedException.class, () -> hub.tx(w -> w.exchanges.pull(
                tanzania.sender(), Exchanges.PULL_MAX + 1, Set.of(), null))).refusal())
                .isEqualTo(Refusal.INVALID_REQUEST);
        assertThat(catchThrowableOfType(ExchangeRefusedException.class,
                () -> acknowledgeAll(tanzania, receipts)).refusal()).isEqualTo(Refusal.INVALID_REQUEST);

        assertThat(acknowledgeAll(tanzania, pulled)).hasSize(100).containsOnly(DeliveryStatus.DELIVERED);
        assertThat(inbox(tanzania)).containsExactly(receipts.get(100).trackingNumber());
        assertThat(hub.audits("DELIVERY_ACKNOWLEDGED", receipts.get(99).trackingNumber()))
                .extracting(r -> r.entry().outcome().name()).containsExactly("SUCCESS");
    }

    private List<DeliveryStatus> acknowledgeAll(Member recipient, List<Receipt> receipts) {
        return hub.tx(w -> w.exchanges.acknowledge(recipient.sender(),
                receipts.stream().map(Receipt::trackingNumber).toList(), AcknowledgementKind.OK, null));
    }

    @Test
    void theInboxIsOldestFirstAndPagesWithMoreAvailable() {
        Receipt a = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-5A"));
        Receipt b = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-5B"));
        Receipt c = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-5C"));

        Inbox page = hub.tx(w -> w.exchanges.inbox(tanzania.sender(), null, 2));
        PulledDocuments batch = hub.tx(w -> w.exchanges.pull(tanzania.sender(), 2, null, null));

        assertThat(page.items()).extracting(InboxItem::trackingNumber).containsExactly(a.trackingNumber(),
                b.trackingNumber());
        assertThat(page.moreAvailable()).isTrue();
        assertThat(batch.documents()).extracting(DeliveredDocument::trackingNumber)
                .containsExactly(a.trackingNumber(), b.trackingNumber());
        assertThat(batch.moreAvailable()).isTrue();
        assertThat(inbox(tanzania)).containsExactly(a.trackingNumber(), b.trackingNumber(), c.trackingNumber());
    }

    private Receipt deliver(Member from, Member to, Submission submission) {
        Receipt receipt = hub.submit(from.sender(), submission);
        pullOne(to, receipt);
        acknowledge(to, receipt, AcknowledgementKind.OK, null);
        return receipt;
    }

    private DeliveredDocument pullOne(Member recipient, Receipt receipt) {
        PulledDocuments pulled = hub.tx(w -> w.exchanges.pull(recipient.sender(), 50, Set.of(),
                List.of(receipt.trackingNumber())));
        assertThat(pulled.documents()).hasSize(1);
        return pulled.documents().get(0);
    }

    private DeliveryStatus acknowledge(Member recipient, Receipt receipt, AcknowledgementKind kind, String text) {
        return hub.tx(w -> w.exchanges.acknowledge(recipient.sender(), receipt.trackingNumber(), kind, text));
    }

    private List<String> inbox(Member member) {
        return hub.tx(w -> w.exchanges.inbox(member.sender(), Set.of(), 500)).items().stream()
                .map(InboxItem::trackingNumber).toList();
    }

    private Optional<TrackingView> track(Member member, String tracking) {
        return hub.tx(w -> w.exchanges.track(member.sender(), List.of(tracking))).get(0);
    }

    private CoStatusView assertStatus(String number, DocumentStatus expected) {
        for (Sender party : new Sender[] {kenya.sender(), tanzania.sender()}) {
            CoStatusView view = hub.tx(w -> w.exchanges.documentStatus(party, kenya.code(), number)).orElseThrow();
            assertThat(view.status()).as("%s seen by %s", number, party.memberCode()).isEqualTo(expected);
        }
        return hub.tx(w -> w.exchanges.documentStatus(kenya.sender(), kenya.code(), number)).orElseThrow();
    }

    private ExchangeRefusedException refusal(Member sender, Submission submission) {
        return SubmissionIT.refusal(hub, sender.sender(), submission);
    }
}
