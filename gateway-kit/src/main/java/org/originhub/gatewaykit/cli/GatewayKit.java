package org.originhub.gatewaykit.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.originhub.gatewaykit.client.DirectorySnapshot;
import org.originhub.gatewaykit.client.DocumentStatusReport;
import org.originhub.gatewaykit.client.Finding;
import org.originhub.gatewaykit.client.HubClient;
import org.originhub.gatewaykit.client.HubFaultException;
import org.originhub.gatewaykit.client.HubUnreachableException;
import org.originhub.gatewaykit.client.Inbox;
import org.originhub.gatewaykit.client.InboxItem;
import org.originhub.gatewaykit.client.Pull;
import org.originhub.gatewaykit.client.Receipt;
import org.originhub.gatewaykit.client.ReceivedDocument;
import org.originhub.gatewaykit.client.Reference;
import org.originhub.gatewaykit.client.SignerCheck;
import org.originhub.gatewaykit.client.StatusChange;
import org.originhub.gatewaykit.client.Submission;
import org.originhub.gatewaykit.client.Tracking;
import org.originhub.gatewaykit.client.Validation;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.contract.envelope.BusinessResponseKind;
import org.originhub.gatewaykit.contract.envelope.DeliveryStatus;
import org.originhub.gatewaykit.contract.envelope.DocumentFunction;
import org.originhub.gatewaykit.contract.envelope.DocumentType;
import org.originhub.gatewaykit.contract.envelope.VerificationResult;
import org.originhub.gatewaykit.security.GatewayKeystore;
import org.originhub.gatewaykit.security.KeystoreUnusableException;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.gatewaykit.security.Sha256;
import org.originhub.gatewaykit.security.UntrustedMessageException;
import org.originhub.gatewaykit.simulator.GatewaySimulator;

/**
 * {@code gateway-kit <command> [options]}: the hub's operations from a shell, for integrators and operators. Secrets
 * never go on the command line (where the process list and shell history would show them): the keystore password
 * comes from an environment variable or a file.
 *
 * <p>Exit codes: 0 done; 1 a local problem (file or keystore unreadable); 2 usage error; 3 the hub refused with a
 * fault (code and reason printed); 4 the hub did not answer (transport); 5 the answer could not be verified (not
 * signed by the pinned hub certificate).
 */
public final class GatewayKit {

    static final int OK = 0;
    static final int LOCAL_ERROR = 1;
    static final int USAGE = 2;
    static final int HUB_FAULT = 3;
    static final int UNREACHABLE = 4;
    static final int UNTRUSTED = 5;

    static final String ENV_HUB_URL = "GATEWAY_KIT_HUB_URL";
    static final String ENV_KEYSTORE = "GATEWAY_KIT_KEYSTORE";
    static final String ENV_PASSWORD = "GATEWAY_KIT_KEYSTORE_PASSWORD";
    static final String ENV_HUB_CERT = "GATEWAY_KIT_HUB_CERT";
    static final String ENV_HUB_FINGERPRINT = "GATEWAY_KIT_HUB_FINGERPRINT";

    private static final Set<String> KEY_OPTIONS = Set.of("keystore", "alias", "password-env", "password-file",
            "hub-cert", "hub-fingerprint");
    private static final Set<String> CONNECTION_OPTIONS = union(KEY_OPTIONS, Set.of("hub", "timeout"));

    static final String USAGE_TEXT = String.join("\n",
            "Usage: gateway-kit <command> [options]",
            "",
            "Commands (talk to the hub):",
            "  send FILE          submit a document: --from --to --agreement --co-number [--type CERTIFICATE_OF_ORIGIN]",
            "                     [--function NEW|REPLACE|CANCEL] [--message-id ID] [--ref-tracking TN]... [--ref-co NO]...",
            "                     [--response-kind ACCEPTED|REJECTED|UTILISED] [--verification-result CONFIRMED|NOT_CONFIRMED]",
            "                     [--media-type application/xml]",
            "  validate FILE      the same options as send; a dry run, nothing is stored or sent",
            "  inbox              documents waiting (PULL gateways): [--max 1..500] [--type T]...",
            "  pull               fetch waiting documents: [--max 1..100] [--type T]... [--out DIR] [--ack]",
            "  ack TRACKING...    acknowledge 1 to 100 pulled documents in one call: [--kind OK|OK_WITH_WARNINGS|NOT_READABLE]",
            "                     [--text T]",
            "  track TRACKING...  delivery status of up to 100 tracking numbers",
            "  status             a CO's document status: --issuer KE --co-number NO",
            "  check-signer       --cert FILE | --fingerprint SHA256, --member KE [--agreement A] [--at 2026-03-01T10:00:00Z]",
            "  directory          the registry's directory, signature verified: [--known-serial N] [--out FILE]",
            "",
            "Command (serves):",
            "  simulate           a PUSH gateway on loopback: [--host 127.0.0.1] [--port 9100] [--path /gateway]",
            "                     [--ack OK|OK_WITH_WARNINGS|NOT_READABLE] [--ack-text T] [--fail N] [--delay 2s]",
            "                     [--store DIR] [--exit-after N]; needs the keystore and the hub certificate",
            "",
            "Connection (options, or the environment variables named):",
            "  --hub URL               the hub's base URL                 " + ENV_HUB_URL,
            "  --keystore FILE         the gateway's PKCS#12 keystore     " + ENV_KEYSTORE,
            "  --alias NAME            the key's alias, when the keystore holds several",
            "  --password-file FILE    a file whose first line is the keystore password, or",
            "  --password-env VAR      the variable holding it            (default " + ENV_PASSWORD + ")",
            "  --hub-cert FILE         the hub's certificate, PEM or DER  " + ENV_HUB_CERT,
            "  --hub-fingerprint HEX   or its SHA-256 fingerprint         " + ENV_HUB_FINGERPRINT,
            "  --timeout 60s           how long to wait for an answer",
            "",
            "Exit codes: 0 done, 1 local problem, 2 usage, 3 the hub refused (fault), 4 hub unreachable,",
            "5 answer not verifiable (not signed by the pinned hub certificate).");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    GatewayKit(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    public static void main(String[] args) {
        quietLibraries(System.getenv("GATEWAY_KIT_DEBUG") != null);
        System.exit(new GatewayKit(System.out, System.err, System.getenv()).run(args));
    }

    /**
     * CXF and WSS4J log every refused message with a stack trace at WARNING; the command line reports failures
     * itself, in words, so their logs stay out of the way unless GATEWAY_KIT_DEBUG is set.
     */
    private static void quietLibraries(boolean debug) {
        if (!debug) {
            java.util.logging.Logger.getLogger("org.apache").setLevel(java.util.logging.Level.SEVERE);
            java.util.logging.Logger.getLogger("org.ehcache").setLevel(java.util.logging.Level.SEVERE);
        }
    }

    /** Runs one command; returns the exit code. */
    int run(String... args) {
        if (args.length == 0 || Set.of("help", "--help", "-h").contains(args[0])) {
            (args.length == 0 ? err : out).println(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (command) {
                case "send":
                    return send(rest, false);
                case "validate":
                    return send(rest, true);
                case "inbox":
                    return inbox(rest);
                case "pull":
                    return pull(rest);
                case "ack":
                    return ack(rest);
                case "track":
                    return track(rest);
                case "status":
                    return status(rest);
                case "check-signer":
                    return checkSigner(rest);
                case "directory":
                    return directory(rest);
                case "simulate":
                    return simulate(rest);
                default:
                    throw new UsageException("Unknown command '" + command + "'");
            }
        } catch (UsageException e) {
            err.println("gateway-kit " + command + ": " + e.getMessage());
            err.println("Run 'gateway-kit help' for the commands and options.");
            return USAGE;
        } catch (HubFaultException e) {
            err.println("The hub refused the request: " + e.code());
            err.println("  " + e.reason());
            return HUB_FAULT;
        } catch (HubUnreachableException e) {
            err.println("The hub could not be reached: " + e.getMessage());
            return UNREACHABLE;
        } catch (UntrustedMessageException e) {
            err.println("The answer could not be verified and was not used: " + e.getMessage());
            return UNTRUSTED;
        } catch (KeystoreUnusableException e) {
            err.println("The keystore cannot be used: " + e.getMessage());
            return LOCAL_ERROR;
        } catch (LocalProblem e) {
            err.println(e.getMessage());
            return LOCAL_ERROR;
        } catch (RuntimeException e) {
            // Not one of the failures above: a defect or an environment problem; the type helps a bug report.
            err.println("gateway-kit " + command + " failed: " + e);
            return LOCAL_ERROR;
        }
    }

    // ---- commands -------------------------------------------------------------------------------------------------

    private int send(List<String> args, boolean validateOnly) {
        Arguments a = parse(args, union(CONNECTION_OPTIONS, Set.of("from", "to", "agreement", "co-number", "type",
                "function", "message-id", "ref-tracking", "ref-co", "response-kind", "verification-result",
                "media-type")), Set.of());
        Path file = single(a.positional(), "the payload FILE");
        byte[] payload = read(file);
        Submission.Builder builder = Submission.builder()
                .from(a.required("from").toUpperCase(Locale.ROOT))
                .to(a.required("to").toUpperCase(Locale.ROOT))
                .agreement(a.required("agreement"))
                .coNumber(a.required("co-number"))
                .payload(payload);
        DocumentType type = a.enumeration("type", DocumentType.class);
        if (type != null) {
            builder.documentType(type);
        }
        DocumentFunction function = a.enumeration("function", DocumentFunction.class);
        if (function != null) {
            builder.function(function);
        }
        if (a.value("message-id") != null) {
            builder.senderMessageId(a.value("message-id"));
        }
        a.values("ref-tracking").forEach(t -> builder.reference(Reference.trackingNumber(t)));
        a.values("ref-co").forEach(c -> builder.reference(Reference.coNumber(c)));
        builder.businessResponseKind(a.enumeration("response-kind", BusinessResponseKind.class));
        builder.verificationResult(a.enumeration("verification-result", VerificationResult.class));
        if (a.value("media-type") != null) {
            builder.mediaType(a.value("media-type"));
        }
        Submission submission = builder.build();
        try (HubClient hub = client(a)) {
            if (validateOnly) {
                Validation validation = hub.validate(submission);
                out.println(validation.valid() ? "Valid: the hub would accept this document"
                        : "Not valid: the hub would refuse this document");
                for (Finding f : validation.findings()) {
                    out.println("  " + f.severity() + " " + f.code() + (f.field() == null ? "" : " at " + f.field())
                            + ": " + f.message());
                }
                return validation.valid() ? OK : HUB_FAULT;
            }
            Receipt receipt = hub.submit(submission);
            out.println("Accepted by the hub");
            row("tracking number", receipt.trackingNumber());
            row("received at", String.valueOf(receipt.receivedAt()));
            row("payload SHA-256", receipt.payloadSha256() + " (the SHA-256 of " + file.getFileName() + ")");
            row("message id", submission.envelope().senderMessageId());
            row("delivery status", String.valueOf(receipt.deliveryStatus()));
            return OK;
        }
    }

    private int inbox(List<String> args) {
        Arguments a = parse(args, union(CONNECTION_OPTIONS, Set.of("max", "type")), Set.of());
        noPositional(a);
        try (HubClient hub = client(a)) {
            Inbox inbox = hub.inbox(a.integer("max", 1, 500), types(a));
            if (inbox.items().isEmpty()) {
                out.println("The inbox is empty");
                return OK;
            }
            out.printf("%-24s %-24s %-4s %-4s %-22s %-35s %s%n", "TRACKING NUMBER", "RECEIVED AT", "FROM", "TO",
                    "TYPE", "CO NUMBER", "BYTES");
            for (InboxItem item : inbox.items()) {
                out.printf("%-24s %-24s %-4s %-4s %-22s %-35s %d%n", item.trackingNumber(), item.receivedAt(),
                        item.envelope().from(), item.envelope().to(), item.envelope().documentType()
                                + "/" + item.envelope().function(), item.envelope().issuerCoNumber(),
                        item.payloadSize());
            }
            if (inbox.moreAvailable()) {
                out.println("(more documents are waiting)");
            }
            return OK;
        }
    }

    private int pull(List<String> args) {
        Arguments a = parse(args, union(CONNECTION_OPTIONS, Set.of("max", "type", "out")), Set.of("ack"));
        noPositional(a);
        Integer max = a.integer("max", 1, 100);
        Path folder = a.value("out") == null ? null : Path.of(a.value("out"));
        if (a.flag("ack") && folder == null) {
            throw new UsageException("--ack needs --out: a document is acknowledged only once it is kept");
        }
        try (HubClient hub = client(a)) {
            Pull pull = hub.pull(max == null ? 10 : max, types(a));
            out.println(pull.documents().size() + " document(s) pulled" + (pull.moreAvailable() ? ", more waiting" : ""));
            List<String> intact = new ArrayList<>();
            for (ReceivedDocument document : pull.documents()) {
                out.println(document.trackingNumber() + "  " + document.envelope().from() + " -> "
                        + document.envelope().to() + "  " + document.envelope().documentType() + "/"
                        + document.envelope().function() + "  CO " + document.envelope().issuerCoNumber() + "  "
                        + document.payload().length + " bytes" + (document.payloadIntact() ? ""
                        : "  PAYLOAD DOES NOT MATCH ITS SHA-256"));
                if (folder != null) {
                    Path file = keep(folder, document);
                    out.println("  saved " + file);
                    if (a.flag("ack") && document.payloadIntact()) {
                        intact.add(document.trackingNumber());
                    } else if (a.flag("ack")) {
                        DeliveryStatus status = hub.acknowledge(document.trackingNumber(),
                                AcknowledgementKind.NOT_READABLE, "The payload does not match its SHA-256");
                        out.println("  acknowledged " + AcknowledgementKind.NOT_READABLE + ": " + status);
                    }
                }
            }
            if (!intact.isEmpty()) {
                // the kept documents in one signed call (contract 1.1)
                List<DeliveryStatus> statuses = hub.acknowledge(intact, AcknowledgementKind.OK, null);
                for (int i = 0; i < intact.size(); i++) {
                    out.println(intact.get(i) + "  acknowledged " + AcknowledgementKind.OK + ": " + statuses.get(i));
                }
            }
            return OK;
        }
    }

    private int ack(List<String> args) {
        Arguments a = parse(args, union(CONNECTION_OPTIONS, Set.of("kind", "text")), Set.of());
        List<String> trackingNumbers = a.positional();
        if (trackingNumbers.isEmpty() || trackingNumbers.size() > 100) {
            throw new UsageException("give 1 to 100 TRACKING numbers");
        }
        AcknowledgementKind kind = a.enumeration("kind", AcknowledgementKind.class);
        kind = kind == null ? AcknowledgementKind.OK : kind;
        if (kind != AcknowledgementKind.OK && a.value("text") == null) {
            throw new UsageException("--text is required with --kind " + kind);
        }
        try (HubClient hub = client(a)) {
            List<DeliveryStatus> statuses = hub.acknowledge(trackingNumbers, kind, a.value("text"));
            for (int i = 0; i < trackingNumbers.size(); i++) {
                out.println("Acknowledged " + trackingNumbers.get(i) + " " + kind + ": delivery status "
                        + statuses.get(i));
            }
            return OK;
        }
    }

    private int track(List<String> args) {
        Arguments a = parse(args, CONNECTION_OPTIONS, Set.of());
        if (a.positional().isEmpty() || a.positional().size() > 100) {
            throw new UsageException("give 1 to 100 tracking numbers");
        }
        try (HubClient hub = client(a)) {
            for (Tracking t : hub.track(a.positional())) {
                out.println(t.trackingNumber() + "  " + t.deliveryStatus());
                if (t.envelope() != null) {
                    row("from -> to", t.envelope().from() + " -> " + t.envelope().to() + ", "
                            + t.envelope().documentType() + "/" + t.envelope().function() + ", CO "
                            + t.envelope().issuerCoNumber());
                    row("received at", String.valueOf(t.receivedAt()));
                    if (t.deliveryAttempts() != null) {
                        row("attempts", t.deliveryAttempts() + (t.lastAttemptAt() == null ? ""
                                : ", last at " + t.lastAttemptAt()));
                    }
                    if (t.acknowledgement() != null) {
                        row("acknowledged", t.acknowledgement() + (t.acknowledgedAt() == null ? ""
                                : " at " + t.acknowledgedAt()) + (t.acknowledgementText() == null ? ""
                                : ": " + t.acknowledgementText()));
                    }
                }
            }
            return OK;
        }
    }

    private int status(List<String> args) {
        Arguments a = parse(args, union(CONNECTION_OPTIONS, Set.of("issuer", "co-number")), Set.of());
        noPositional(a);
        try (HubClient hub = client(a)) {
            DocumentStatusReport report = hub.documentStatus(a.required("issuer").toUpperCase(Locale.ROOT),
                    a.required("co-number"));
            if (!report.known()) {
                out.println("Unknown: the hub carried no such CO between your member state and another");
                return OK;
            }
            out.println(report.status() + " since " + report.since());
            row("agreement", report.agreement());
            row("importing member", report.importingMemberState());
            for (StatusChange change : report.history()) {
                row("  " + change.at(), change.status() + " (" + change.trackingNumber() + ")");
            }
            return OK;
        }
    }

    private int checkSigner(List<String> args) {
        Arguments a = parse(args, union(CONNECTION_OPTIONS, Set.of("cert", "fingerprint", "member", "agreement",
                "at")), Set.of());
        noPositional(a);
        if ((a.value("cert") == null) == (a.value("fingerprint") == null)) {
            throw new UsageException("give either --cert FILE or --fingerprint SHA256");
        }
        String member = a.required("member").toUpperCase(Locale.ROOT);
        Instant at = instant(a.value("at"));
        try (HubClient hub = client(a)) {
            SignerCheck check = a.value("cert") != null
                    ? hub.checkSigner(certificate(Path.of(a.value("cert"))), member, a.value("agreement"), at)
                    : hub.checkSigner(fingerprint(a.value("fingerprint")), member, a.value("agreement"), at);
            out.println(check.authorised() ? "AUTHORISED" : "NOT AUTHORISED");
            row("reason", check.reason());
            row("certificate", check.fingerprint());
            if (check.signerName() != null) {
                row("signer", check.signerName());
            }
            if (check.issuingAuthority() != null) {
                row("issuing authority", check.issuingAuthority());
            }
            return OK;
        }
    }

    private int directory(List<String> args) {
        Arguments a = parse(args, union(CONNECTION_OPTIONS, Set.of("known-serial", "out")), Set.of());
        noPositional(a);
        Long known = a.value("known-serial") == null ? null : (long) a.integer("known-serial", 0, Integer.MAX_VALUE);
        try (HubClient hub = client(a)) {
            DirectorySnapshot directory = hub.directory(known);
            if (directory.notModified()) {
                out.println("Directory serial " + directory.serial() + " is current");
                return OK;
            }
            out.println("Directory serial " + directory.serial() + ", signature verified with the hub certificate "
                    + Sha256.fingerprint(directory.hubCertificate()));
            if (a.value("out") != null) {
                Path file = Path.of(a.value("out"));
                write(file, directory.document());
                write(file.resolveSibling(file.getFileName() + ".sig"), directory.signature());
                out.println("Saved " + file + " and its signature " + file.getFileName() + ".sig (SHA256withRSA)");
            } else {
                out.println(new String(directory.document(), StandardCharsets.UTF_8));
            }
            return OK;
        }
    }

    private int simulate(List<String> args) {
        Arguments a = parse(args, union(KEY_OPTIONS, Set.of("host", "port", "path", "ack", "ack-text", "fail",
                "delay", "store", "exit-after")), Set.of());
        noPositional(a);
        GatewayKeystore keystore = keystore(a);
        PinnedCertificates hub = hubPin(a);
        Integer port = a.integer("port", 0, 65535);
        Integer exitAfter = a.integer("exit-after", 1, Integer.MAX_VALUE);
        Integer fail = a.integer("fail", 0, Integer.MAX_VALUE);
        AcknowledgementKind ack = a.enumeration("ack", AcknowledgementKind.class);
        GatewaySimulator.Builder builder = GatewaySimulator.builder(keystore, hub)
                .host(a.value("host") == null ? "127.0.0.1" : a.value("host"))
                .port(port == null ? 9100 : port)
                .path(a.value("path") == null ? "/gateway" : a.value("path"))
                .acknowledge(ack == null ? AcknowledgementKind.OK : ack, a.value("ack-text"))
                .failNext(fail == null ? 0 : fail)
                .delay(duration("delay", a.value("delay")))
                .onDelivery(d -> out.println("received " + d.document().trackingNumber() + " (attempt " + d.attempt()
                        + ") " + d.document().envelope().from() + " -> " + d.document().envelope().to() + " "
                        + d.document().envelope().documentType() + "/" + d.document().envelope().function()
                        + " CO " + d.document().envelope().issuerCoNumber() + ": " + d.acknowledgement()))
                .onRepeat((first, attempt) -> out.println("repeat " + first.document().trackingNumber()
                        + " (attempt " + attempt + "): answered with the first acknowledgement, "
                        + first.acknowledgement()));
        if (a.value("store") != null) {
            builder.storeIn(Path.of(a.value("store")));
        }
        GatewaySimulator simulator;
        try {
            simulator = builder.start();
        } catch (IOException e) {
            throw new LocalProblem("The simulator cannot listen there: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "gateway-kit-simulator-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Gateway simulator listening at " + simulator.url());
        out.println("  signing with " + keystore.certificate().getSubjectX500Principal().getName() + " ("
                + keystore.fingerprint() + ")");
        out.println("  accepting pushes signed by " + hub.fingerprints());
        out.println(exitAfter == null ? "  Ctrl-C stops it" : "  stops after " + exitAfter + " document(s)");
        out.flush();
        try {
            if (exitAfter != null) {
                simulator.awaitDocuments(exitAfter, Duration.ofDays(365));
                Runtime.getRuntime().removeShutdownHook(hook);
                simulator.close();
            } else {
                stopped.await();
            }
            return OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            simulator.close();
            return OK;
        } catch (TimeoutException e) {
            simulator.close();
            return OK;
        }
    }

    // ---- configuration --------------------------------------------------------------------------------------------

    private Arguments parse(List<String> args, Set<String> valued, Set<String> switches) {
        return Arguments.parse(args, valued, switches);
    }

    private HubClient client(Arguments a) {
        String url = setting(a, "hub", ENV_HUB_URL);
        if (url == null) {
            throw new UsageException("the hub URL is missing: --hub URL or " + ENV_HUB_URL);
        }
        HubClient.Builder builder;
        try {
            builder = HubClient.builder().hubUrl(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        builder.keystore(keystore(a)).trustedHub(hubPin(a));
        if (a.value("timeout") != null) {
            builder.receiveTimeout(duration("timeout", a.value("timeout")));
        }
        return builder.build();
    }

    private GatewayKeystore keystore(Arguments a) {
        String file = setting(a, "keystore", ENV_KEYSTORE);
        if (file == null) {
            throw new UsageException("the gateway keystore is missing: --keystore FILE or " + ENV_KEYSTORE);
        }
        return GatewayKeystore.load(Path.of(file), password(a), a.value("alias"));
    }

    /** From a file, or an environment variable; never from the command line itself. */
    private char[] password(Arguments a) {
        if (a.value("password-file") != null) {
            Path file = Path.of(a.value("password-file"));
            String content = new String(read(file), StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String password = (end < 0 ? content : content.substring(0, end)).replace("\r", "");
            if (password.isEmpty()) {
                throw new UsageException("the password file " + file + " is empty");
            }
            return password.toCharArray();
        }
        String variable = a.value("password-env") != null ? a.value("password-env") : ENV_PASSWORD;
        String password = environment.get(variable);
        if (password == null || password.isEmpty()) {
            throw new UsageException("the keystore password is missing: set " + variable + " or give --password-file");
        }
        return password.toCharArray();
    }

    private PinnedCertificates hubPin(Arguments a) {
        String certificate = setting(a, "hub-cert", ENV_HUB_CERT);
        String fingerprint = setting(a, "hub-fingerprint", ENV_HUB_FINGERPRINT);
        if (certificate == null && fingerprint == null) {
            throw new UsageException("the hub's certificate is missing: --hub-cert FILE or --hub-fingerprint SHA256 ("
                    + ENV_HUB_CERT + ", " + ENV_HUB_FINGERPRINT + "); answers are verified against it");
        }
        try {
            List<String> pins = new ArrayList<>();
            if (certificate != null) {
                if (!Files.isReadable(Path.of(certificate))) {
                    throw new LocalProblem("The hub certificate " + certificate + " cannot be read");
                }
                pins.addAll(PinnedCertificates.fromFile(Path.of(certificate)).fingerprints());
            }
            if (fingerprint != null) {
                pins.add(fingerprint);
            }
            return PinnedCertificates.ofFingerprints(pins.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private String setting(Arguments a, String option, String variable) {
        String value = a.value(option);
        if (value == null) {
            value = environment.get(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private void row(String label, String value) {
        out.printf("  %-17s %s%n", label, value);
    }

    private static DocumentType[] types(Arguments a) {
        List<DocumentType> types = new ArrayList<>();
        a.values("type").forEach(t -> types.add(Arguments.parseEnum("type", t, DocumentType.class)));
        return types.toArray(new DocumentType[0]);
    }

    private static Path single(List<String> positional, String what) {
        if (positional.size() != 1) {
            throw new UsageException("give " + what + (positional.isEmpty() ? "" : " (only one)"));
        }
        return Path.of(positional.get(0));
    }

    private static void noPositional(Arguments a) {
        if (!a.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
        }
    }

    static Duration duration(String option, String text) {
        if (text == null) {
            return Duration.ZERO;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.parse(text.trim());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new UsageException("--" + option + " must be a duration such as 500ms, 2s or 1m, not " + text);
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException("--at must be an ISO-8601 instant such as 2026-03-01T10:00:00Z, not " + text);
        }
    }

    private static String fingerprint(String text) {
        try {
            return PinnedCertificates.ofFingerprints(text).fingerprints().iterator().next();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static X509Certificate certificate(Path file) {
        try {
            return PinnedCertificates.readCertificates(read(file)).iterator().next();
        } catch (CertificateException e) {
            throw new LocalProblem("No X.509 certificate could be read from " + file + " (PEM or DER expected)");
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LocalProblem("Cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new LocalProblem("Cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The payload as {@code <tracking number>.xml} in the folder, byte for byte. */
    private static Path keep(Path folder, ReceivedDocument document) {
        String name = document.trackingNumber().replaceAll("[^A-Za-z0-9._-]", "_")
                + (document.mediaType() != null && document.mediaType().endsWith("xml") ? ".xml" : ".bin");
        Path file = folder.resolve(name);
        write(file, document.payload());
        return file;
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        java.util.HashSet<String> all = new java.util.HashSet<>(first);
        all.addAll(second);
        return Set.copyOf(all);
    }

    /** A file or folder the command needs cannot be read or written (exit code 1). */
    static final class LocalProblem extends RuntimeException {

        private static final long serialVersionUID = 1L;

        LocalProblem(String message) {
            super(message);
        }
    }
}
