package org.originhub.hub.messagelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.originhub.hub.exchange.Envelopes.co;
import static org.originhub.hub.exchange.Envelopes.replacement;
import static org.originhub.hub.exchange.Envelopes.response;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.audit.boundary.AuditAccessRefusedException;
import org.originhub.hub.audit.boundary.AuditRecordView;
import org.originhub.hub.audit.boundary.InvalidAuditQueryException;
import org.originhub.hub.audit.control.AuditExportFormat;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.delivery.entity.AcknowledgementKind;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.exchange.ExchangeWorld;
import org.originhub.hub.exchange.ExchangeWorld.Member;
import org.originhub.hub.exchange.boundary.CoStatusView;
import org.originhub.hub.exchange.boundary.Receipt;
import org.originhub.hub.exchange.boundary.Submission;
import org.originhub.hub.exchange.entity.BusinessResponseKind;
import org.originhub.hub.lifecycle.entity.DocumentStatus;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.hub.messagelog.boundary.CoLifecycleView;
import org.originhub.hub.messagelog.boundary.MessageDetail;
import org.originhub.hub.messagelog.boundary.MessageFilter;
import org.originhub.hub.messagelog.boundary.MessagePage;
import org.originhub.hub.messagelog.boundary.MessageSummary;
import org.originhub.hub.messagelog.boundary.PayloadDownload;
import org.originhub.hub.messagelog.boundary.UnknownMessageException;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.entity.Role;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.testing.MutableClock;

/**
 * The auditors' message log on the real schema, over documents that really went through the exchange: who sees
 * what, the filters and keyset pages, the detail of one exchange, the CO life cycle, payload downloads and exports,
 * and the record every read leaves in the audit log.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class MessageLogIT {

    private static final AuthenticatedUser AUDITOR = new AuthenticatedUser("it-auditor", Role.AUDITOR, null);

    private ExchangeWorld hub;
    private MutableClock clock;
    private Member kenya;
    private Member uganda;
    private Member zambia;
    private String agreement;

    @BeforeEach
    void community(DataSource dataSource) {
        clock = new MutableClock();
        hub = new ExchangeWorld(ExchangeWorld.persistence(dataSource), clock);
        kenya = hub.member(DeliveryMode.PULL);
        uganda = hub.member(DeliveryMode.PULL);
        zambia = hub.member(DeliveryMode.PULL);
        agreement = hub.agreement(kenya, uganda, zambia);
    }

    @Test
    void aMemberAuditorSeesOnlyExchangesItsMemberStateSentOrReceived() {
        Receipt keToUg = submit(kenya, co(kenya, uganda, agreement, "KE-S-1"));
        Receipt ugToKe = submit(uganda, response(uganda, kenya, agreement, "KE-S-1", BusinessResponseKind.ACCEPTED));
        Receipt keToZm = submit(kenya, co(kenya, zambia, agreement, "KE-S-2"));
        Receipt zmToUg = submit(zambia, co(zambia, uganda, agreement, "ZM-S-1"));
        AuthenticatedUser keAuditor = memberAuditor("it-ke-auditor", kenya);

        MessagePage own = hub.tx(w -> w.messageLog.search(keAuditor, MessageFilter.none(), null, 500, true));
        assertThat(own.messages()).extracting(MessageSummary::trackingNumber).containsExactly(
                keToZm.trackingNumber(), ugToKe.trackingNumber(), keToUg.trackingNumber());
        MessagePage withZambia = hub.tx(w -> w.messageLog.search(keAuditor, filter(zambia.code(), kenya.code()),
                null, 500, true));
        assertThat(withZambia.messages()).as("named as counterpart, the filter is turned round")
                .extracting(MessageSummary::trackingNumber).containsExactly(keToZm.trackingNumber());

        AuditAccessRefusedException other = catchThrowableOfType(() -> hub.tx(w -> w.messageLog.search(keAuditor,
                filter(zambia.code(), null), null, 10, true)), AuditAccessRefusedException.class);
        assertThat(other).hasMessageContaining(kenya.code());
        UnknownMessageException hidden = catchThrowableOfType(() -> hub.tx(w -> w.messageLog.detail(keAuditor,
                zmToUg.trackingNumber())), UnknownMessageException.class);
        UnknownMessageException unknown = catchThrowableOfType(() -> hub.tx(w -> w.messageLog.detail(keAuditor,
                "OH-NOPE")), UnknownMessageException.class);
        assertThat(hidden.getMessage().replace(zmToUg.trackingNumber(), "X"))
                .as("another member's exchange is answered like an unknown one")
                .isEqualTo(unknown.getMessage().replace("OH-NOPE", "X"));
        assertThatThrownBy(() -> hub.tx(w -> w.messageLog.payload(keAuditor, zmToUg.trackingNumber())))
                .isInstanceOf(UnknownMessageException.class);
        assertThatThrownBy(() -> hub.tx(w -> w.messageLog.co(keAuditor, zambia.code(), "ZM-S-1")))
                .isInstanceOf(UnknownMessageException.class);
        assertThat(hub.tx(w -> w.messageLog.co(keAuditor, kenya.code(), "KE-S-1")).co().status())
                .isEqualTo(DocumentStatus.ACCEPTED);

        PayloadDownload payload = hub.tx(w -> w.messageLog.payload(keAuditor, keToUg.trackingNumber()));
        assertThat(payload.content()).isEqualTo(co(kenya, uganda, agreement, "KE-S-1").payload());
        assertThat(payload.sha256()).isEqualTo(keToUg.payloadSha256());
        assertThat(payload.mediaType()).isEqualTo("application/xml");

        AuthenticatedUser operator = new AuthenticatedUser("it-operator", Role.OPERATOR, null);
        assertThatThrownBy(() -> hub.tx(w -> w.messageLog.search(operator, MessageFilter.none(), null, 10, true)))
                .isInstanceOf(AuditAccessRefusedException.class);
        assertThatThrownBy(() -> hub.tx(w -> w.messageLog.payload(operator, keToUg.trackingNumber())))
                .isInstanceOf(AuditAccessRefusedException.class);

        // Every read, and every refused one, is in the audit log; a download names the exchange and its parties.
        List<AuditRecord> downloads = hub.audits("PAYLOAD_DOWNLOADED", keToUg.trackingNumber());
        assertThat(downloads).extracting(r -> r.entry().actor() + " " + r.entry().outcome())
                .containsExactly("it-ke-auditor SUCCESS", "it-operator REJECTED");
        assertThat(downloads.get(0).entry().actor()).isEqualTo("it-ke-auditor");
        assertThat(downloads.get(0).entry().senderMember()).isEqualTo(kenya.code());
        assertThat(downloads.get(0).entry().recipientMember()).isEqualTo(uganda.code());
        assertThat(downloads.get(0).entry().detail()).contains("sha256=" + keToUg.payloadSha256());
        assertThat(hub.audits("MESSAGE_VIEWED", zmToUg.trackingNumber())).singleElement()
                .satisfies(r -> assertThat(r.entry().outcome().name()).isEqualTo("REJECTED"));
        assertThat(hub.audits("MESSAGE_LOG_QUERIED", kenya.code())).extracting(r -> r.entry().outcome().name())
                .containsExactly("SUCCESS", "SUCCESS", "REJECTED");
        assertThat(hub.audits("MESSAGE_LOG_QUERIED", kenya.code()).get(2).entry().detail())
                .contains("member=" + zambia.code());
    }

    @Test
    void aRoleThatMayNotReadIsRefusedAndRecordedBeforeItsFilterIsChecked() {
        AuthenticatedUser operator = new AuthenticatedUser("it-operator-bad-filter", Role.OPERATOR, null);
        AuthenticatedUser keAuditor = memberAuditor("it-ke-auditor-bad-filter", kenya);

        assertThatThrownBy(() -> hub.tx(w -> w.messageLog.search(operator, filter(null, uganda.code()), null, 10,
                true))).isInstanceOf(AuditAccessRefusedException.class);
        assertThatThrownBy(() -> hub.tx(w -> w.messageLog.search(keAuditor, filter(null, uganda.code()), null, 10,
                true))).as("a member auditor's member is not implied in the message log")
                .isInstanceOf(InvalidAuditQueryException.class).hasMessageContaining("counterpart needs member");

        List<AuditRecord> refused = hub.inTransaction(em -> em.createQuery("SELECT r FROM AuditRecord r WHERE "
                + "r.action = 'MESSAGE_LOG_QUERIED' AND r.actor = :actor", AuditRecord.class)
                .setParameter("actor", operator.username()).getResultList());
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.entry().outcome().name()).isEqualTo("REJECTED");
            assertThat(r.entry().detail()).isEqualTo("counterpart=" + uganda.code());
        });
    }

    @Test
    void filtersAndKeysetPagesWalkEveryMatchOnceInBothOrders() {
        Instant start = clock.instant();
        List<String> toUganda = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            toUganda.add(submit(kenya, co(kenya, uganda, agreement, "KE-P-" + i)).trackingNumber());
            if (i != 3) { // the third and fourth share their time: the id breaks the tie
                clock.advance(Duration.ofMinutes(1));
            }
        }
        Instant middle = clock.instant();
        String toZambia = submit(kenya, co(kenya, zambia, agreement, "KE-P-6")).trackingNumber();
        clock.advance(Duration.ofMinutes(1));
        String answer = submit(uganda, response(uganda, kenya, agreement, "KE-P-2", BusinessResponseKind.ACCEPTED))
                .trackingNumber();
        acknowledge(uganda, toUganda.get(0));

        List<String> newestFirst = walk(filter(kenya.code(), null), 2, true);
        List<String> all = new ArrayList<>(toUganda);
        all.add(toZambia);
        all.add(answer);
        assertThat(newestFirst).containsExactlyElementsOf(reversed(all));
        assertThat(walk(filter(kenya.code(), null), 3, false)).containsExactlyElementsOf(all);
        assertThat(walk(filter(kenya.code(), uganda.code()), 2, true)).as("counterpart: either direction")
                .containsExactlyElementsOf(reversed(List.of(toUganda.get(0), toUganda.get(1), toUganda.get(2),
                        toUganda.get(3), toUganda.get(4), answer)));
        assertThat(walk(new MessageFilter(start.plusSeconds(60), middle, kenya.code(), null, null, null, null,
                null, null, null),
                10, false)).as("from inclusive, to exclusive").containsExactly(toUganda.get(1), toUganda.get(2),
                        toUganda.get(3), toUganda.get(4));
        assertThat(walk(new MessageFilter(null, null, kenya.code(), null, null, null, "KE-P-2", null, null, null), 10,
                false))
                .containsExactly(toUganda.get(1), answer);
        assertThat(walk(new MessageFilter(null, null, null, null, null, null, null, toZambia, null, null), 10,
                false))
                .containsExactly(toZambia);
        assertThat(walk(new MessageFilter(null, null, kenya.code(), null, null, null, null, null,
                DocumentType.BUSINESS_RESPONSE, null), 10, false)).containsExactly(answer);
        assertThat(walk(new MessageFilter(null, null, kenya.code(), null, null, null, null, null, null,
                DeliveryStatus.DELIVERED), 10, false)).containsExactly(toUganda.get(0));
        assertThat(walk(filter(uganda.code(), null), 10, false))
                .as("unfiltered by member, then by the other party").containsExactly(toUganda.get(0),
                        toUganda.get(1), toUganda.get(2), toUganda.get(3), toUganda.get(4), answer);

        assertThatThrownBy(() -> hub.tx(w -> w.messageLog.search(AUDITOR, filter(null, uganda.code()), null, 10,
                true))).isInstanceOf(InvalidAuditQueryException.class).hasMessageContaining("counterpart");
        assertThatThrownBy(() -> hub.tx(w -> w.messageLog.search(AUDITOR, MessageFilter.none(), "garbage", 10,
                true))).isInstanceOf(InvalidAuditQueryException.class);
        assertThatThrownBy(() -> hub.tx(w -> w.messageLog.search(AUDITOR, MessageFilter.none(), null, 501, true)))
                .isInstanceOf(InvalidAuditQueryException.class);
    }

    @Test
    void senderAndRecipientFilterOneSideEachAndCountWhatTheyMatch() {
        String keToUg = submit(kenya, co(kenya, uganda, agreement, "KE-SR-1")).trackingNumber();
        clock.advance(Duration.ofSeconds(1));
        String ugToKe = submit(uganda, response(uganda, kenya, agreement, "KE-SR-1", BusinessResponseKind.ACCEPTED))
                .trackingNumber();
        clock.advance(Duration.ofSeconds(1));
        String keToZm = submit(kenya, co(kenya, zambia, agreement, "KE-SR-2")).trackingNumber();
        clock.advance(Duration.ofSeconds(1));
        String zmToUg = submit(zambia, co(zambia, uganda, agreement, "ZM-SR-1")).trackingNumber();
        clock.advance(Duration.ofSeconds(1));
        String ugToZm = submit(uganda, response(uganda, zambia, agreement, "ZM-SR-1", BusinessResponseKind.ACCEPTED))
                .trackingNumber();

        assertThat(walk(sides(kenya.code(), null), 10, false)).as("sent by Kenya")
                .containsExactly(keToUg, keToZm);
        assertThat(walk(sides(null, kenya.code()), 10, false)).as("received by Kenya").containsExactly(ugToKe);
        assertThat(walk(sides(uganda.code(), zambia.code()), 10, false)).as("one direction only")
                .containsExactly(ugToZm);
        assertThat(walk(sides(zambia.code(), uganda.code()), 10, false)).containsExactly(zmToUg);
        assertThat(walk(filter(uganda.code(), null).withSides(null, uganda.code()), 10, true))
                .as("with member: the member's exchanges it received").containsExactly(zmToUg, keToUg);
        assertThat(walk(filter(uganda.code(), kenya.code()).withSides(kenya.code(), null), 10, true))
                .containsExactly(keToUg);
        assertThat(walk(filter(zambia.code(), null).withSides(kenya.code(), kenya.code()), 10, true)).isEmpty();
        assertThat(count(AUDITOR, sides(uganda.code(), null))).isEqualTo(2);
        assertThat(count(AUDITOR, sides(null, uganda.code()))).isEqualTo(2);
        assertThat(count(AUDITOR, filter(uganda.code(), null))).isEqualTo(4);
        assertThat(count(AUDITOR, filter(uganda.code(), zambia.code()).withSides(zambia.code(), null)))
                .isEqualTo(1);
        assertThat(count(AUDITOR, filter(zambia.code(), null))).isEqualTo(3);
        assertThat(count(AUDITOR, filter(uganda.code(), null), 4)).isEqualTo(4);
        assertThat(count(AUDITOR, filter(uganda.code(), null), 3))
                .as("more than three: four").isEqualTo(4);
        assertThat(count(AUDITOR, filter(uganda.code(), null), 1)).isEqualTo(2);
        assertThat(count(AUDITOR, sides(uganda.code(), null), 1)).isEqualTo(2);

        StringWriter csv = new StringWriter();
        hub.tx(w -> w.messageLog.export(AUDITOR, sides(uganda.code(), null), AuditExportFormat.CSV, csv));
        assertThat(csv.toString().split("\r\n")).extracting(row -> row.split(",")[0]).containsExactly(
                "tracking_number", ugToKe, ugToZm);

        // A member auditor asking for another member state's side still sees only exchanges of its own.
        AuthenticatedUser keAuditor = memberAuditor("it-ke-sides", kenya);
        assertThat(walkAs(keAuditor, sides(uganda.code(), null))).as("what Uganda sent to Kenya, not to Zambia")
                .containsExactly(ugToKe);
        assertThat(walkAs(keAuditor, sides(null, uganda.code()))).containsExactly(keToUg);
        assertThat(walkAs(keAuditor, sides(zambia.code(), null))).isEmpty();
        assertThat(count(keAuditor, sides(null, uganda.code()))).isEqualTo(1);
        assertThat(count(keAuditor, MessageFilter.none())).isEqualTo(3);
        assertThatThrownBy(() -> hub.tx(w -> w.messageLog.search(keAuditor, sides(uganda.code(), zambia.code()),
                null, 10, true))).as("a pair of two other member states").isInstanceOf(
                        AuditAccessRefusedException.class);
        assertThatThrownBy(() -> count(keAuditor, sides(zambia.code(), uganda.code())))
                .isInstanceOf(AuditAccessRefusedException.class);
        StringWriter scoped = new StringWriter();
        hub.tx(w -> w.messageLog.export(keAuditor, sides(uganda.code(), null), AuditExportFormat.JSONL, scoped));
        assertThat(scoped.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{\"tracking_number\":\"" + ugToKe + "\""));
        assertThat(hub.audits("MESSAGE_LOG_QUERIED", kenya.code())).extracting(r -> r.entry().outcome().name()
                + " " + r.entry().detail()).anySatisfy(d -> assertThat(d).startsWith("SUCCESS member="
                        + kenya.code() + " sender=" + zambia.code())).anySatisfy(d -> assertThat(d).isEqualTo(
                                "REJECTED sender=" + uganda.code() + " recipient=" + zambia.code()));
    }

    @Test
    void aPageReadsTheRowsBeforeItBackwardsFromItsBeforeCursor() {
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            all.add(submit(kenya, co(kenya, uganda, agreement, "KE-B-" + i)).trackingNumber());
            clock.advance(Duration.ofSeconds(i % 2)); // pairs share their time: the id breaks the tie
        }
        MessageFilter kenyas = filter(kenya.code(), null);
        // Newest first in pages of three: [6 5 4] [3 2 1] [0]. The second page's before cursor, in the other order,
        // reads the page before it, nearest first.
        MessagePage first = hub.tx(w -> w.messageLog.search(AUDITOR, kenyas, null, 3, true));
        MessagePage second = hub.tx(w -> w.messageLog.search(AUDITOR, kenyas, first.next(), 3, true));
        assertThat(second.messages()).extracting(MessageSummary::trackingNumber).containsExactly(all.get(3),
                all.get(2), all.get(1));
        MessagePage back = hub.tx(w -> w.messageLog.search(AUDITOR, kenyas, second.before(), 3, false));
        assertThat(back.messages()).extracting(MessageSummary::trackingNumber).containsExactly(all.get(4),
                all.get(5), all.get(6));
        assertThat(back.next()).isNull();
        // The last page is the first of the other order; the ones before it follow in that order.
        MessagePage last = hub.tx(w -> w.messageLog.search(AUDITOR, kenyas, null, 1, false));
        assertThat(last.messages()).extracting(MessageSummary::trackingNumber).containsExactly(all.get(0));
        MessagePage beforeLast = hub.tx(w -> w.messageLog.search(AUDITOR, kenyas, last.next(), 3, false));
        assertThat(beforeLast.messages()).extracting(MessageSummary::trackingNumber).containsExactly(all.get(1),
                all.get(2), all.get(3));
        assertThat(hub.tx(w -> w.messageLog.search(AUDITOR, sides(zambia.code(), null), null, 3, true)).before())
                .isNull();
    }

    @Test
    void theDetailOfAnExchangeHasItsHistoryAcknowledgementLifecycleAndAuditRecords() {
        Receipt original = submit(kenya, co(kenya, uganda, agreement, "KE-D-1"));
        hub.tx(w -> w.exchanges.pull(uganda.sender(), 50, Set.of(), List.of(original.trackingNumber())));
        hub.tx(w -> w.exchanges.acknowledge(uganda.sender(), original.trackingNumber(),
                AcknowledgementKind.OK_WITH_WARNINGS, "consignee address abbreviated"));
        Receipt replaced = submit(kenya, replacement(kenya, uganda, agreement, "KE-D-1-R", "KE-D-1"));

        MessageDetail first = hub.tx(w -> w.messageLog.detail(AUDITOR, original.trackingNumber()));
        assertThat(first.message().deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED_WITH_WARNINGS);
        assertThat(first.message().acknowledgement()).isEqualTo(AcknowledgementKind.OK_WITH_WARNINGS);
        assertThat(first.acknowledgementText()).isEqualTo("consignee address abbreviated");
        assertThat(first.message().payloadSha256()).isEqualTo(original.payloadSha256());
        assertThat(first.attempts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("PULL");
            assertThat(a.outcome()).isEqualTo("PULLED");
        });
        assertThat(first.lifecycle()).singleElement().satisfies(co -> {
            assertThat(co.status()).isEqualTo(DocumentStatus.REPLACED);
            assertThat(co.history()).extracting(CoStatusView.Change::trackingNumber)
                    .containsExactly(original.trackingNumber(), replaced.trackingNumber());
        });
        assertThat(first.auditRecords()).extracting(AuditRecordView::action).containsSubsequence(
                "DOCUMENT_RECEIVED", "DOCUMENT_PULLED", "DELIVERY_ACKNOWLEDGED");
        AuditRecordView received = first.auditRecords().stream().filter(r -> r.action().equals("DOCUMENT_RECEIVED"))
                .findFirst().orElseThrow();
        assertThat(first.receivedRecordSeq()).isEqualTo(received.seq());
        assertThat(first.receivedRecordHash()).isEqualTo(received.hash());
        assertThat(first.legalHold()).isFalse();

        MessageDetail second = hub.tx(w -> w.messageLog.detail(AUDITOR, replaced.trackingNumber()));
        assertThat(second.message().replacedCoNumber()).isEqualTo("KE-D-1");
        assertThat(second.dependsOn()).as("ordered after the CO it replaces").isEqualTo(original.trackingNumber());
        assertThat(second.lifecycle()).extracting(CoStatusView::coNumber).containsExactly("KE-D-1-R", "KE-D-1");
        assertThat(second.references()).singleElement()
                .satisfies(r -> assertThat(r.issuerCoNumber()).isEqualTo("KE-D-1"));

        CoLifecycleView co = hub.tx(w -> w.messageLog.co(AUDITOR, kenya.code(), "KE-D-1"));
        assertThat(co.messages()).extracting(MessageSummary::trackingNumber)
                .containsExactly(original.trackingNumber(), replaced.trackingNumber());
        assertThat(hub.audits("MESSAGE_VIEWED", original.trackingNumber())).hasSize(1);
        assertThat(hub.audits("CO_VIEWED", kenya.code())).singleElement()
                .satisfies(r -> assertThat(r.entry().coNumber()).isEqualTo("KE-D-1"));
    }

    @Test
    void anExportCarriesEveryMatchWithItsReceivedRecordAndIsAudited() {
        Receipt a = submit(kenya, co(kenya, uganda, agreement, "KE-E-1"));
        clock.advance(Duration.ofSeconds(1));
        Receipt b = submit(uganda, response(uganda, kenya, agreement, "KE-E-1", BusinessResponseKind.REJECTED));
        AuthenticatedUser keAuditor = memberAuditor("it-ke-exporter", kenya);

        StringWriter jsonl = new StringWriter();
        long written = hub.tx(w -> w.messageLog.export(keAuditor, MessageFilter.none(), AuditExportFormat.JSONL,
                jsonl));
        assertThat(written).isEqualTo(2);
        List<String> lines = jsonl.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"tracking_number\":\"" + a.trackingNumber() + "\"")
                .contains("\"payload_sha256\":\"" + a.payloadSha256() + "\"").contains("\"payload_purged_at\":null")
                .containsPattern("\"received_record_seq\":\\d+,\"received_record_hash\":\"[0-9a-f]{64}\"");
        assertThat(lines.get(1)).contains(b.trackingNumber()).contains("\"response_kind\":\"REJECTED\"");
        AuditRecord receivedA = hub.audits("DOCUMENT_RECEIVED", a.trackingNumber()).get(0);
        assertThat(lines.get(0)).contains("\"received_record_seq\":" + receivedA.seq() + ",")
                .contains(receivedA.hash());

        StringWriter csv = new StringWriter();
        hub.tx(w -> w.messageLog.export(AUDITOR, new MessageFilter(null, null, kenya.code(), uganda.code(), null,
                null, null, null, DocumentType.CERTIFICATE_OF_ORIGIN, null), AuditExportFormat.CSV, csv));
        assertThat(csv.toString().split("\r\n")).hasSize(2).satisfies(rows -> {
            assertThat(rows[0]).startsWith("tracking_number,received_at,sender_member,");
            assertThat(rows[1]).startsWith(a.trackingNumber() + ",");
        });
        assertThat(hub.audits("MESSAGE_LOG_EXPORTED", kenya.code())).singleElement()
                .satisfies(r -> assertThat(r.entry().detail()).contains("format=jsonl messages=2"));
    }

    private List<String> walk(MessageFilter filter, int limit, boolean newestFirst) {
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            String cursor = after;
            MessagePage page = hub.tx(w -> w.messageLog.search(AUDITOR, filter, cursor, limit, newestFirst));
            assertThat(page.messages().size()).isLessThanOrEqualTo(limit);
            page.messages().forEach(m -> seen.add(m.trackingNumber()));
            after = page.next();
        } while (after != null);
        return seen;
    }

    private List<String> walkAs(AuthenticatedUser caller, MessageFilter filter) {
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            String cursor = after;
            MessagePage page = hub.tx(w -> w.messageLog.search(caller, filter, cursor, 1, true));
            page.messages().forEach(m -> seen.add(m.trackingNumber()));
            after = page.next();
        } while (after != null);
        return seen;
    }

    private long count(AuthenticatedUser caller, MessageFilter filter) {
        return count(caller, filter, 1_000);
    }

    private long count(AuthenticatedUser caller, MessageFilter filter, long atMost) {
        return hub.tx(w -> w.messageLog.count(caller, filter, atMost));
    }

    private static MessageFilter sides(String sender, String recipient) {
        return MessageFilter.none().withSides(sender, recipient);
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static MessageFilter filter(String member, String counterpart) {
        return new MessageFilter(null, null, member, counterpart, null, null, null, null, null, null);
    }

    private static AuthenticatedUser memberAuditor(String name, Member member) {
        return new AuthenticatedUser(name, Role.MEMBER_AUDITOR, member.code());
    }

    private Receipt submit(Member from, Submission submission) {
        return hub.submit(from.sender(), submission);
    }

    private void acknowledge(Member recipient, String trackingNumber) {
        hub.tx(w -> w.exchanges.pull(recipient.sender(), 50, Set.of(), List.of(trackingNumber)));
        hub.tx(w -> w.exchanges.acknowledge(recipient.sender(), trackingNumber, AcknowledgementKind.OK, null));
    }
}
