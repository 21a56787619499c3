import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.originhub.gatewaykit.client.DocumentEnvelope;
import org.originhub.gatewaykit.client.DocumentStatusReport;
import org.originhub.gatewaykit.client.HubClient;
import org.originhub.gatewaykit.client.HubFaultException;
import org.originhub.gatewaykit.client.HubUnreachableException;
import org.originhub.gatewaykit.client.Inbox;
import org.originhub.gatewaykit.client.Receipt;
import org.originhub.gatewaykit.client.ReceivedDocument;
import org.originhub.gatewaykit.client.Reference;
import org.originhub.gatewaykit.client.SignerCheck;
import org.originhub.gatewaykit.client.StatusChange;
import org.originhub.gatewaykit.client.Submission;
import org.originhub.gatewaykit.client.Tracking;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.contract.envelope.BusinessResponseKind;
import org.originhub.gatewaykit.contract.envelope.DeliveryStatus;
import org.originhub.gatewaykit.contract.envelope.DocumentFunction;
import org.originhub.gatewaykit.contract.envelope.DocumentStatus;
import org.originhub.gatewaykit.contract.envelope.DocumentType;
import org.originhub.gatewaykit.contract.envelope.VerificationResult;
import org.originhub.gatewaykit.samples.SampleDocuments;
import org.originhub.gatewaykit.security.KeystoreUnusableException;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.gatewaykit.security.UntrustedMessageException;

/**
 * Plays a day of the demo community's exchange against a running hub, as the three member states' gateways would,
 * with the member gateway kit's {@link HubClient}, then reads back and prints what the hub recorded. <b>Development
 * only</b>: {@code ./hub demo} runs it after seeding the community and starting the PUSH gateways' simulators.
 *
 * <pre>
 *   java -cp gateway-kit/target/gateway-kit-VERSION-cli.jar hub-web/src/demo/java/DemoScenario.java \
 *        [--port 8080] [--data-dir ./var] [--timeout 90]
 * </pre>
 *
 * Why a single-file program beside {@code DemoCommunity.java} and not a class in a module: the scenario is about the
 * demo community, which is neither part of the hub (the WAR) nor of the kit (what member states receive); like the
 * seeding it needs no build of its own, only the kit's runnable jar on the class path, and a developer can read and
 * change it in one place.
 *
 * <p>What it plays (CO numbers carry this run's time, so a run never collides with an earlier one): Kenya, Tanzania
 * and Uganda issue COs to each other under both agreements; Kenya replaces one and Uganda cancels one; the hub refuses
 * a spoofed sender and a CO under an agreement the sender is not party to; Tanzania (a PULL gateway) lists, pulls and
 * acknowledges; Tanzania accepts a Kenyan CO, checks its signer, asks for its verification and gets it confirmed;
 * Uganda reports a CO utilised at clearance and accepts a Tanzanian one. Kenya and Uganda receive by PUSH, through the
 * simulators that acknowledge each delivery. Every number in the summary is read back from the hub (GetTrackingInfo,
 * GetDocumentStatus), and compared with what was played.
 *
 * <p>Exit codes: 0 played and every document delivered as expected; 1 a step or a check failed (said why); 2 wrong
 * usage; 3 the hub unreachable; 5 the demo key material unusable.
 */
public class DemoScenario {

    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    static final int KEY_MATERIAL = 5;

    static final String REGIONAL = "EAC-CO-DEMO";
    static final String BILATERAL = "KE-TZ-CO-DEMO";

    /** Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final List<Logger> QUIETENED = new ArrayList<>();

    record Member(String code, String name, boolean push) {

        String folder() {
            return code.toLowerCase(Locale.ROOT);
        }

        String receives() {
            return push ? "pushed to " + code + "'s simulator" : "pulled by " + code;
        }
    }

    static final Member KE = new Member("KE", "Kenya", true);
    static final Member TZ = new Member("TZ", "Tanzania", false);
    static final Member UG = new Member("UG", "Uganda", true);
    static final List<Member> MEMBERS = List.of(KE, TZ, UG);

    public static void main(String[] args) {
        quietLibraries();
        int exit;
        try {
            Options options = Options.parse(args);
            try (Gateways gateways = Gateways.open(options)) {
                exit = new DemoScenario(gateways, options).run();
            }
        } catch (Failure f) {
            System.err.println("demo: error: " + f.getMessage());
            exit = f.exit;
        } catch (HubUnreachableException e) {
            System.err.println("demo: error: the hub did not answer: " + e.getMessage());
            exit = UNREACHABLE;
        } catch (UntrustedMessageException e) {
            System.err.println("demo: error: an answer was not signed by the pinned hub certificate: "
                    + e.getMessage());
            exit = FAILED;
        }
        System.exit(exit);
    }

    /** CXF logs every refused message with a stack trace: the scenario reports refusals itself, in words. */
    private static void quietLibraries() {
        if (System.getenv("HUB_DEMO_DEBUG") == null) {
            for (String name : List.of("org.apache", "org.ehcache")) {
                Logger logger = Logger.getLogger(name);
                logger.setLevel(Level.SEVERE);
                QUIETENED.add(logger);
            }
        }
    }

    private final Gateways gateways;
    private final Options options;
    private final String run;
    private final List<Sent> sent = new ArrayList<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final Map<String, Co> cos = new LinkedHashMap<>();
    private int step;

    DemoScenario(Gateways gateways, Options options) {
        this.gateways = gateways;
        this.options = options;
        // Fresh CO numbers and message ids per run: a re-run is a new day of trade, never a Duplicate of the last one.
        this.run = DateTimeFormatter.ofPattern("yyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    }

    /** A document the hub accepted, with what its recipient did with it. */
    record Sent(int step, Member from, Member to, Submission submission, Receipt receipt) {

        DocumentEnvelope envelope() {
            return submission.envelope();
        }

        String document() {
            DocumentEnvelope e = envelope();
            String detail = e.businessResponseKind() != null ? " " + e.businessResponseKind()
                    : e.verificationResult() != null ? " " + e.verificationResult() : "";
            return e.documentType() + "/" + e.function() + detail;
        }
    }

    /** A document the hub refused, with the fault as the hub worded it. */
    record Refusal(int step, String attempt, String code, String reason) {
    }

    /** A CO of this run: who issued it to whom, and the status the scenario brought it to. */
    static final class Co {
        final Member issuer;
        final Member importer;
        final String number;
        final String agreement;
        DocumentStatus expected = DocumentStatus.ISSUED;

        Co(Member issuer, Member importer, String number, String agreement) {
            this.issuer = issuer;
            this.importer = importer;
            this.number = number;
            this.agreement = agreement;
        }
    }

    int run() {
        say("playing the demo scenario, run " + run + " (hub " + options.hubUrl() + "; every answer verified against "
                + "the pinned hub certificate " + gateways.hubFingerprint().substring(0, 16) + "...)");
        play();
        return summarise();
    }

    private void play() {
        section("new certificates of origin, under both agreements");
        Co teaToTanzania = issue(KE, TZ, BILATERAL,
                "Kenya's chamber of commerce issues a CO for black tea to Tanzania");
        Co coffeeToUganda = issue(KE, UG, REGIONAL, "Kenya issues a CO for a coffee consignment to Uganda");
        Co sugarToKenya = issue(UG, KE, REGIONAL, "Uganda issues a CO for sugar to Kenya");
        Co cashewsToUganda = issue(TZ, UG, REGIONAL, "Tanzania issues a CO for cashew nuts to Uganda");

        section("corrections by the issuers");
        Co coffeeCorrected = replace(coffeeToUganda, "Kenya replaces its coffee CO (wrong number of packages)");
        cancel(sugarToKenya, "Uganda withdraws its sugar CO: the shipment was called off");

        section("what the hub refuses (nothing is stored or delivered)");
        refuse(KE, "Kenya's gateway signs a CO that claims to come from Uganda", () -> Submission.builder()
                .from(UG.code()).to(TZ.code()).agreement(REGIONAL).coNumber(coNumber(UG, 99))
                .senderMessageId(messageId(KE, "spoof"))
                .payload(SampleDocuments.certificate(UG.code(), coNumber(UG, 99), REGIONAL)).build());
        refuse(UG, "Uganda sends Tanzania a CO under the Kenya-Tanzania bilateral agreement", () -> Submission.builder()
                .from(UG.code()).to(TZ.code()).agreement(BILATERAL).coNumber(coNumber(UG, 98))
                .senderMessageId(messageId(UG, "not-party"))
                .payload(SampleDocuments.certificate(UG.code(), coNumber(UG, 98), BILATERAL)).build());

        section("deliveries: Tanzania pulls its inbox, Kenya's and Uganda's simulators receive by push");
        pullAndAcknowledge(TZ, List.of(find(teaToTanzania.number, DocumentType.CERTIFICATE_OF_ORIGIN)));
        awaitDelivered(sent);

        section("the importers answer");
        respond(TZ, teaToTanzania, BusinessResponseKind.ACCEPTED,
                "Tanzanian customs accept Kenya's tea CO at the declaration");
        checkSigner(TZ, teaToTanzania);
        Sent question = requestVerification(TZ, teaToTanzania,
                "Tanzania asks Kenya to verify the tea's origin (retroactive check)");
        awaitDelivered(List.of(question));
        Sent answer = confirm(teaToTanzania, question, "Kenya's origin unit confirms the tea's origin");
        respond(UG, coffeeCorrected, BusinessResponseKind.UTILISED,
                "Ugandan customs clear the coffee with the replacement CO (utilised)");
        Sent cashewsAccepted = respond(UG, cashewsToUganda, BusinessResponseKind.ACCEPTED,
                "Ugandan customs accept Tanzania's cashew CO");
        pullAndAcknowledge(TZ, List.of(answer, cashewsAccepted));
        awaitDelivered(sent);
    }

    // ---- the steps ------------------------------------------------------------------------------------------------

    private Co issue(Member issuer, Member importer, String agreement, String story) {
        Co co = new Co(issuer, importer, coNumber(issuer, cos.size() + 1), agreement);
        submit(issuer, importer, story, Submission.builder().from(issuer.code()).to(importer.code())
                .agreement(agreement).coNumber(co.number).senderMessageId(messageId(issuer, co.number))
                .payload(SampleDocuments.certificate(issuer.code(), co.number, agreement)));
        cos.put(co.number, co);
        return co;
    }

    private Co replace(Co replaced, String story) {
        Co replacement = new Co(replaced.issuer, replaced.importer, coNumber(replaced.issuer, cos.size() + 1),
                replaced.agreement);
        submit(replaced.issuer, replaced.importer, story, Submission.builder().from(replaced.issuer.code())
                .to(replaced.importer.code()).agreement(replaced.agreement)
                .function(DocumentFunction.REPLACE).coNumber(replacement.number)
                .reference(Reference.coNumber(replaced.number))
                .senderMessageId(messageId(replaced.issuer, replacement.number))
                .payload(SampleDocuments.replacement(replaced.issuer.code(), replacement.number, replaced.number,
                        replaced.agreement)));
        replaced.expected = DocumentStatus.REPLACED;
        cos.put(replacement.number, replacement);
        return replacement;
    }

    private void cancel(Co co, String story) {
        submit(co.issuer, co.importer, story, Submission.builder().from(co.issuer.code()).to(co.importer.code())
                .agreement(co.agreement).function(DocumentFunction.CANCEL).coNumber(co.number)
                .reference(Reference.coNumber(co.number)).senderMessageId(messageId(co.issuer, co.number + "-cancel"))
                .payload(SampleDocuments.cancellation(co.issuer.code(), co.number)));
        co.expected = DocumentStatus.CANCELLED;
    }

    private Sent respond(Member importer, Co co, BusinessResponseKind kind, String story) {
        Sent response = submit(importer, co.issuer, story, Submission.builder().from(importer.code())
                .to(co.issuer.code()).agreement(co.agreement).documentType(DocumentType.BUSINESS_RESPONSE)
                .coNumber(co.number).businessResponseKind(kind)
                .senderMessageId(messageId(importer, co.number + "-" + kind.name().toLowerCase(Locale.ROOT)))
                .payload(SampleDocuments.businessResponse(kind.name(), co.number, co.issuer.code(), importer.code())));
        co.expected = DocumentStatus.valueOf(kind.name());
        return response;
    }

    private Sent requestVerification(Member importer, Co co, String story) {
        Sent request = submit(importer, co.issuer, story, Submission.builder().from(importer.code())
                .to(co.issuer.code()).agreement(co.agreement).documentType(DocumentType.VERIFICATION_REQUEST)
                .coNumber(co.number).senderMessageId(messageId(importer, co.number + "-verify"))
                .payload(SampleDocuments.verificationRequest(verificationNumber(co), co.number, co.issuer.code(),
                        importer.code())));
        co.expected = DocumentStatus.VERIFICATION_REQUESTED;
        return request;
    }

    private Sent confirm(Co co, Sent request, String story) {
        Sent response = submit(co.issuer, co.importer, story, Submission.builder().from(co.issuer.code())
                .to(co.importer.code()).agreement(co.agreement).documentType(DocumentType.VERIFICATION_RESPONSE)
                .coNumber(co.number).verificationResult(VerificationResult.CONFIRMED)
                .reference(Reference.trackingNumber(request.receipt().trackingNumber()))
                .senderMessageId(messageId(co.issuer, co.number + "-verified"))
                .payload(SampleDocuments.verificationResponse(verificationNumber(co), co.number, co.issuer.code(),
                        "CONFIRMED")));
        co.expected = DocumentStatus.CONFIRMED;
        return response;
    }

    /** The importing customs check, in the registry, that the issuer's official was authorised to sign the CO. */
    private void checkSigner(Member importer, Co co) {
        Path signer = options.demoDir().resolve(co.issuer.folder()).resolve("signer.pem");
        X509Certificate certificate;
        try {
            certificate = PinnedCertificates.readCertificates(Files.readAllBytes(signer)).iterator().next();
        } catch (IOException | CertificateException e) {
            throw new Failure(KEY_MATERIAL, "cannot read " + signer + ": " + e.getMessage());
        }
        SignerCheck check = gateways.client(importer).checkSigner(certificate, co.issuer.code(), co.agreement, null);
        line("    " + importer.code() + " asks the registry (CheckSigner) whether " + check.signerName()
                + " could sign " + co.number + ": " + (check.authorised() ? "yes" : "NO") + ", " + check.reason());
        if (!check.authorised()) {
            throw new Failure(FAILED, "the demo signer of " + co.issuer.code() + " should be authorised: " + check
                    .reason());
        }
    }

    private Sent submit(Member from, Member to, String story, Submission.Builder builder) {
        int number = ++step;
        Submission submission = builder.build();
        Receipt receipt;
        try {
            receipt = gateways.client(from).submit(submission);
        } catch (HubFaultException e) {
            throw new Failure(FAILED, "step " + number + " (" + story + ") was refused by the hub: " + e.code()
                    + ": " + e.reason());
        }
        Sent accepted = new Sent(number, from, to, submission, receipt);
        sent.add(accepted);
        line(String.format("%2d. %s%n      %s -> %s  %s %s: accepted as %s", number, story, from.code(), to.code(),
                accepted.document(), submission.envelope().issuerCoNumber(), receipt.trackingNumber()));
        return accepted;
    }

    private void refuse(Member signer, String attempt, Supplier<Submission> submission) {
        int number = ++step;
        try {
            Receipt receipt = gateways.client(signer).submit(submission.get());
            throw new Failure(FAILED, "step " + number + " (" + attempt + ") should have been refused, the hub "
                    + "accepted it as " + receipt.trackingNumber());
        } catch (HubFaultException e) {
            refusals.add(new Refusal(number, attempt, e.code(), e.reason()));
            line(String.format("%2d. %s%n      refused: %s: %s", number, attempt, e.code(), e.reason()));
        }
    }

    /**
     * A PULL gateway's round: list the inbox, pull, check each payload against its SHA-256, acknowledge. Repeated
     * until the expected documents have come: the hub holds a later document about a CO back until the earlier one
     * to the same recipient is acknowledged.
     */
    private void pullAndAcknowledge(Member member, List<Sent> expected) {
        HubClient client = gateways.client(member);
        Set<String> waitingFor = expected.stream().map(s -> s.receipt().trackingNumber())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Inbox inbox = client.inbox(50);
        line(member.code() + "'s inbox lists " + inbox.items().size() + " document(s) waiting"
                + (inbox.moreAvailable() ? " and more" : ""));
        Instant deadline = Instant.now().plus(options.timeout);
        while (!waitingFor.isEmpty()) {
            List<ReceivedDocument> documents = client.pull(50).documents();
            // What arrived intact is acknowledged in one signed call (contract 1.1), as a PULL gateway should; a
            // payload that does not match its SHA-256 gets its own NOT_READABLE acknowledgement with the reason.
            List<String> intact = documents.stream().filter(ReceivedDocument::payloadIntact)
                    .map(ReceivedDocument::trackingNumber).toList();
            List<DeliveryStatus> statuses = intact.isEmpty() ? List.of()
                    : client.acknowledge(intact, AcknowledgementKind.OK, null);
            for (ReceivedDocument document : documents) {
                int index = intact.indexOf(document.trackingNumber());
                DeliveryStatus status = index >= 0 ? statuses.get(index)
                        : client.acknowledge(document.trackingNumber(), AcknowledgementKind.NOT_READABLE,
                                "the payload does not match its SHA-256");
                DocumentEnvelope e = document.envelope();
                line(member.code() + " pulled " + document.trackingNumber() + " (" + e.documentType() + "/"
                        + e.function() + " " + e.issuerCoNumber() + " from " + e.from() + ", " + document.payload()
                        .length + " bytes, SHA-256 " + (index >= 0 ? "intact" : "MISMATCH") + ")");
                waitingFor.remove(document.trackingNumber());
            }
            if (!intact.isEmpty()) {
                line(member.code() + " acknowledged " + intact.size() + " document(s) in one signed call: "
                        + statuses.stream().distinct().map(String::valueOf).collect(Collectors.joining(", ")));
            }
            if (!waitingFor.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new Failure(FAILED, member.code() + " could not pull " + waitingFor + " within "
                            + options.timeout.toSeconds() + " s");
                }
                pause();
            }
        }
    }

    /** Waits until the hub has delivered every document given: pushed and acknowledged, or pulled and acknowledged. */
    private void awaitDelivered(List<Sent> documents) {
        Instant deadline = Instant.now().plus(options.timeout);
        List<Sent> pending = new ArrayList<>(documents);
        while (true) {
            Map<String, Tracking> tracking = track(pending);
            pending.removeIf(s -> tracking.get(s.receipt().trackingNumber()).deliveryStatus()
                    != DeliveryStatus.PENDING_DELIVERY);
            if (pending.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                // Not fatal here: the summary shows each status as it is, and the exit code tells.
                line("still pending after " + options.timeout.toSeconds() + " s: " + pending.stream()
                        .map(s -> s.receipt().trackingNumber() + " to " + s.to().code()).toList()
                        + " (is the simulator running? see HUB_DATA_DIR/run/sim-*.log)");
                return;
            }
            pause();
        }
    }

    /** GetTrackingInfo, asked by each document's sender (a party may track only its own envelopes). */
    private Map<String, Tracking> track(List<Sent> documents) {
        Map<String, Tracking> byNumber = new LinkedHashMap<>();
        for (Member sender : MEMBERS) {
            List<String> numbers = documents.stream().filter(s -> s.from() == sender)
                    .map(s -> s.receipt().trackingNumber()).toList();
            if (!numbers.isEmpty()) {
                gateways.client(sender).track(numbers).forEach(t -> byNumber.put(t.trackingNumber(), t));
            }
        }
        return byNumber;
    }

    // ---- the summary ----------------------------------------------------------------------------------------------

    private int summarise() {
        List<String> problems = new ArrayList<>();
        Map<String, Tracking> tracking = track(sent);
        say("documents exchanged (delivery status read back with GetTrackingInfo)");
        // Tracking numbers are opaque (their length is the hub's business): the columns follow the data.
        String row = "  %-" + width(sent.stream().map(s -> s.receipt().trackingNumber()), "tracking") + "s %-"
                + width(sent.stream().map(Sent::document), "document type/function") + "s %-8s %-"
                + width(sent.stream().map(s -> s.envelope().issuerCoNumber()), "CO number") + "s %s%n";
        System.out.printf(row, "tracking", "document type/function", "from->to", "CO number", "delivery");
        for (Sent s : sent) {
            Tracking t = tracking.get(s.receipt().trackingNumber());
            DeliveryStatus status = t == null ? DeliveryStatus.UNKNOWN_TRACKING_NUMBER : t.deliveryStatus();
            String how = t == null || t.acknowledgement() == null ? ""
                    : " (" + s.to().receives() + ", acknowledged " + t.acknowledgement()
                            + (t.deliveryAttempts() == null ? "" : ", " + t.deliveryAttempts() + " attempt(s)") + ")";
            System.out.printf(row, s.receipt().trackingNumber(), s.document(), s.from().code() + "->" + s.to().code(),
                    s.envelope().issuerCoNumber(), status + how);
            if (!EnumSet.of(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED_WITH_WARNINGS).contains(status)) {
                problems.add(s.receipt().trackingNumber() + " is " + status);
            }
        }

        say("refused by the hub (fault code: reason)");
        for (Refusal r : refusals) {
            System.out.printf("  %-16s %s%n  %-16s %s%n", r.code(), r.attempt(), "", r.reason());
        }

        say("certificates of origin at the end (document status read back with GetDocumentStatus)");
        String coRow = "  %-" + width(cos.keySet().stream(), "CO number") + "s %-8s %-13s %-22s %s%n";
        System.out.printf(coRow, "CO number", "from->to", "agreement", "status", "history");
        for (Co co : cos.values()) {
            DocumentStatusReport report = gateways.client(co.issuer).documentStatus(co.issuer.code(), co.number);
            String status = report.known() ? report.status().toString() : "UNKNOWN";
            String history = report.history().stream().map(StatusChange::status).map(Object::toString)
                    .collect(Collectors.joining(" > "));
            System.out.printf(coRow, co.number, co.issuer.code() + "->" + co.importer.code(), co.agreement, status,
                    history);
            if (!report.known() || report.status() != co.expected) {
                problems.add("CO " + co.number + " is " + status + ", the scenario brought it to " + co.expected);
            }
        }

        if (!problems.isEmpty()) {
            say("the scenario did not end as played: " + String.join("; ", problems));
            return FAILED;
        }
        say("scenario complete: " + sent.size() + " documents delivered, " + refusals.size() + " refused, "
                + cos.size() + " COs; the simulators stored what they received under " + options.demoDir()
                .resolve("received"));
        return 0;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static int width(java.util.stream.Stream<String> values, String header) {
        return Math.max(header.length(), values.mapToInt(String::length).max().orElse(0));
    }

    private String coNumber(Member issuer, int n) {
        return issuer.code() + "-" + run + "-" + n;
    }

    private String messageId(Member sender, String what) {
        return sender.folder() + "-" + run + "-" + what;
    }

    private String verificationNumber(Co co) {
        return "VR-" + co.importer.code() + "-" + run;
    }

    private Sent find(String coNumber, DocumentType type) {
        return sent.stream().filter(s -> s.envelope().issuerCoNumber().equals(coNumber)
                && s.envelope().documentType() == type).findFirst().orElseThrow();
    }

    private void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(FAILED, "interrupted");
        }
    }

    private static void section(String title) {
        System.out.println("demo: -- " + title);
    }

    private static void line(String text) {
        System.out.println("  " + text);
    }

    private static void say(String text) {
        System.out.println("demo: " + text);
    }

    /** One kit client per member state, signing with the gateway keystore the seeding made, pinning the hub. */
    static final class Gateways implements AutoCloseable {
        private final Map<Member, HubClient> clients = new LinkedHashMap<>();
        private final String hubFingerprint;

        private Gateways(String hubFingerprint) {
            this.hubFingerprint = hubFingerprint;
        }

        static Gateways open(Options options) {
            Path pem = options.demoDir().resolve("hub.pem");
            if (!Files.isReadable(pem)) {
                throw new Failure(KEY_MATERIAL, "no pinned hub certificate at " + pem + ": seed the demo community "
                        + "first (./hub demo, or ./hub start --demo)");
            }
            PinnedCertificates hub;
            try {
                hub = PinnedCertificates.fromFile(pem);
            } catch (RuntimeException e) {
                throw new Failure(KEY_MATERIAL, "cannot read the hub certificate " + pem + ": " + e.getMessage());
            }
            Gateways gateways = new Gateways(hub.fingerprints().iterator().next());
            try {
                for (Member m : MEMBERS) {
                    Path dir = options.demoDir().resolve(m.folder());
                    Path keystore = dir.resolve("gateway.p12");
                    char[] password = read(dir.resolve("gateway.password")).toCharArray();
                    gateways.clients.put(m, HubClient.builder().hubUrl(options.hubUrl()).keystore(keystore, password)
                            .trustedHub(hub).build());
                }
            } catch (KeystoreUnusableException e) {
                gateways.close();
                throw new Failure(KEY_MATERIAL, e.getMessage());
            }
            return gateways;
        }

        HubClient client(Member member) {
            return clients.get(member);
        }

        String hubFingerprint() {
            return hubFingerprint;
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new Failure(KEY_MATERIAL, "cannot read " + file + ": " + e.getMessage());
            }
        }

        @Override
        public void close() {
            clients.values().forEach(HubClient::close);
        }
    }

    /** Command line and environment, with the defaults of the launcher. */
    static final class Options {
        int port;
        Path dataDir;
        Duration timeout = Duration.ofSeconds(90);

        static Options parse(String[] args) {
            Options o = new Options();
            o.port = number("HUB_HTTP_PORT", System.getenv().getOrDefault("HUB_HTTP_PORT", "8080"), 1, 65535);
            o.dataDir = Path.of(System.getenv().getOrDefault("HUB_DATA_DIR", "var"));
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new Failure(USAGE, args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--port" -> o.port = number("--port", value, 1, 65535);
                    case "--data-dir" -> o.dataDir = Path.of(value);
                    case "--timeout" -> o.timeout = Duration.ofSeconds(number("--timeout", value, 1, 3600));
                    default -> throw new Failure(USAGE, "unknown argument " + args[i] + " (usage: java -cp "
                            + "<gateway-kit cli jar> DemoScenario.java [--port 8080] [--data-dir ./var] "
                            + "[--timeout 90])");
                }
            }
            o.dataDir = o.dataDir.toAbsolutePath().normalize();
            return o;
        }

        String hubUrl() {
            return "http://127.0.0.1:" + port;
        }

        Path demoDir() {
            return dataDir.resolve("demo");
        }

        private static int number(String what, String text, int min, int max) {
            try {
                int n = Integer.parseInt(text.strip());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new Failure(USAGE, what + " must be a number from " + min + " to " + max + ", not " + text);
        }
    }

    /** Ends the program with a message for the developer and a non-zero exit code. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final int exit;

        Failure(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }
}
