import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verifies the Origin Hub audit log, with nothing but a JDK (17+): {@code java AuditVerify.java [--signer FP]...
 * EXPORT.jsonl} checks an unfiltered JSON-lines export offline, its signed checkpoints included (with
 * {@code --signer}, only checkpoints by those hub certificate fingerprints count); {@code java AuditVerify.java --url
 * http://host:port/} asks a running hub to verify its database ({@code GET /api/audit/verify}, HTTP Basic from
 * HUB_AUDIT_USER and HUB_AUDIT_PASSWORD). Exit 0: intact. Exit 1: broken (the first broken sequence number, or the
 * first bad checkpoint, is printed). Exit 2: the input could not be read or the hub not asked. Exit 64: wrong usage.
 *
 * <p>This file duplicates the hub's canonical form (org.originhub.hub.audit.control.AuditCanonicalForm) on purpose:
 * an auditor must be able to check an export without the hub's code or trusting the hub. A test
 * (AuditVerifyProgramTest) feeds it records hashed by the hub's class, so the two cannot drift apart unnoticed.
 * Canonical form: one line per field, in the order of FIELDS below, each {@code name=LENGTH:VALUE\n} (LENGTH in
 * UTF-8 bytes) or {@code name=-\n} for null; hash = lowercase hex SHA-256 of the UTF-8 canonical form; the first
 * record's prev_hash is 64 zeros. A checkpoint line ({@code checkpoint_seq} first) follows the record it names; its
 * signature covers the UTF-8 text {@code "originhub-audit-checkpoint-v1\n" seq "\n" hash "\n" created_at "\n"}.
 */
public final class AuditVerify {

    static final String[] FIELDS = {"seq", "recorded_at", "actor_kind", "actor", "actor_member", "action", "outcome",
        "object_type", "object_id", "tracking_number", "co_number", "sender_member", "recipient_member", "detail",
        "prev_hash"};
    static final String GENESIS = "0".repeat(64);

    /** Signature algorithms a checkpoint may use (as AuditCheckpointForm.ALGORITHMS in the hub). */
    static final java.util.Set<String> ALGORITHMS = java.util.Set.of("SHA256withRSA", "SHA384withRSA",
            "SHA512withRSA", "SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA");
    static final String CHECKPOINT_ACTION = "AUDIT_CHECKPOINT";
    static final String USAGE = "usage: java AuditVerify.java [--signer FINGERPRINT]... EXPORT.jsonl | --url "
            + "http://host:port/";

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--url")) {
            System.exit(verifyHub(args[1]));
        }
        java.util.Set<String> signers = new java.util.TreeSet<>();
        int i = 0;
        while (i + 1 < args.length && args[i].equals("--signer")) {
            signers.add(args[i + 1].strip().replace(":", "").toLowerCase(java.util.Locale.ROOT));
            i += 2;
        }
        if (i == args.length - 1 && !args[i].startsWith("-")) {
            System.exit(verifyFile(Path.of(args[i]), signers));
        }
        System.err.println(USAGE);
        System.exit(64);
    }

    static int verifyFile(Path file) {
        return verifyFile(file, java.util.Set.of());
    }

    /**
     * Verifies an unfiltered JSON-lines export: the chain from record 1, and every signed checkpoint line against the
     * record it follows. {@code pinned}: the hub certificate fingerprints to trust (from the registry directory);
     * empty = any signer, whose fingerprints are then printed to be compared by hand.
     */
    static int verifyFile(Path file, java.util.Set<String> pinned) {
        long expected = 1;
        String previous = GENESIS;
        int lineNumber = 0;
        long checkpoints = 0;
        long lastCheckpoint = 0;
        long vouched = 0;
        Long awaited = null;
        java.util.Set<String> signers = new java.util.TreeSet<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Map<String, String> record;
                try {
                    record = parseObject(line);
                } catch (IllegalArgumentException e) {
                    return broken(expected, "line " + lineNumber + " is not a JSON record (" + e.getMessage() + ")");
                }
                if (record.containsKey("checkpoint_seq")) {
                    long seq;
                    try {
                        seq = Long.parseLong(String.valueOf(record.get("checkpoint_seq")));
                    } catch (NumberFormatException e) {
                        return badCheckpoint(expected - 1, "line " + lineNumber + " is a checkpoint without a "
                                + "sequence number");
                    }
                    String problem = checkpointProblem(record, seq, expected - 1, lastCheckpoint, previous, pinned);
                    if (problem != null) {
                        return badCheckpoint(seq, problem + (problem.contains("rewritten") ? " after record "
                                + vouched + ", the last one a valid checkpoint vouches for" : ""));
                    }
                    if (awaited != null && awaited == seq) {
                        awaited = null;
                    }
                    signers.add(record.get("signer_fingerprint"));
                    checkpoints++;
                    lastCheckpoint = seq;
                    vouched = seq;
                    continue;
                }
                if (awaited != null) {
                    return badCheckpoint(awaited, missingCheckpoint(awaited));
                }
                long seq;
                try {
                    seq = Long.parseLong(String.valueOf(record.get("seq")));
                } catch (NumberFormatException e) {
                    return broken(expected, "line " + lineNumber + " has no sequence number");
                }
                if (seq != expected) {
                    return broken(expected, seq > expected
                            ? "record " + expected + " missing: deleted (the next record present is " + seq + ")"
                            : "record " + seq + " appears again or out of order: inserted or reordered");
                }
                if (!hash(record).equals(record.get("hash"))) {
                    return broken(seq, "record " + seq + " does not match its hash: altered");
                }
                if (!previous.equals(record.get("prev_hash"))) {
                    return broken(seq, "record " + seq + " does not link to the hash of record " + (seq - 1)
                            + ": inserted, replaced or reordered (or the record before it was rewritten)");
                }
                previous = record.get("hash");
                expected++;
                if (CHECKPOINT_ACTION.equals(record.get("action")) && "SUCCESS".equals(record.get("outcome"))) {
                    awaited = seq;
                }
            }
        } catch (IOException e) {
            System.err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        if (awaited != null) {
            return badCheckpoint(awaited, missingCheckpoint(awaited));
        }
        System.out.println("intact: " + (expected - 1) + " records, head seq " + (expected - 1) + " hash " + previous);
        if (checkpoints == 0) {
            System.out.println("no signed checkpoints in the export: only the chain's own consistency is proven");
        } else {
            System.out.println(checkpoints + " signed checkpoints verified, the last at seq " + lastCheckpoint
                    + ", signed by " + String.join(", ", signers));
            if (pinned.isEmpty()) {
                System.out.println("compare the signer with the hub certificate fingerprint published in the registry "
                        + "directory, or pass it with --signer");
            }
        }
        return 0;
    }

    /** Why a checkpoint line cannot be trusted, or null. {@code last}: the sequence number of the record before it. */
    static String checkpointProblem(Map<String, String> c, long seq, long last, long lastCheckpoint, String lastHash,
            java.util.Set<String> pinned) {
        if (seq > last) {
            return "checkpoint at seq " + seq + " names a record the export does not have (it ends at " + last
                    + "): records deleted from the end of the chain, or the export was cut short";
        }
        if (seq < last || seq <= lastCheckpoint) {
            return "checkpoint at seq " + seq + " is out of order (after record " + last + "): the export was "
                    + "reordered";
        }
        String fingerprint = c.get("signer_fingerprint");
        if (!pinned.isEmpty() && !pinned.contains(fingerprint)) {
            return "checkpoint at seq " + seq + " is signed by certificate " + fingerprint + ", which is not the "
                    + "hub's (--signer): forged";
        }
        String algorithm = c.get("signature_algorithm");
        if (!ALGORITHMS.contains(algorithm)) {
            return "checkpoint at seq " + seq + ": signature algorithm " + algorithm + " is not accepted";
        }
        try {
            byte[] der = Base64.getDecoder().decode(String.valueOf(c.get("signer_certificate")));
            if (!HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)).equals(fingerprint)) {
                return "checkpoint at seq " + seq + ": the signer certificate does not have the stated fingerprint";
            }
            java.security.cert.Certificate certificate = java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(("originhub-audit-checkpoint-v1\n" + seq + "\n" + c.get("hash") + "\n"
                    + c.get("created_at") + "\n").getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(Base64.getDecoder().decode(String.valueOf(c.get("signature"))))) {
                return "checkpoint at seq " + seq + ": the signature does not verify with the signer certificate: "
                        + "forged or altered";
            }
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return "checkpoint at seq " + seq + ": the signature cannot be checked (" + e.getClass().getSimpleName()
                    + "): forged or altered";
        }
        if (!lastHash.equals(c.get("hash"))) {
            return "record " + seq + " is not the record the hub signed in its checkpoint (hash " + lastHash
                    + ", signed " + c.get("hash") + "): the chain was rewritten";
        }
        return null;
    }

    private static String missingCheckpoint(long seq) {
        return "record " + seq + " records a checkpoint of the chain, but checkpoint " + seq + " is missing: deleted";
    }

    static int verifyHub(String base) {
        String user = System.getenv("HUB_AUDIT_USER");
        String password = System.getenv("HUB_AUDIT_PASSWORD");
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            System.err.println("set HUB_AUDIT_USER and HUB_AUDIT_PASSWORD to an auditor's (or the secretariat's) "
                    + "credentials");
            return 2;
        }
        String url = (base.endsWith("/") ? base : base + "/") + "api/audit/verify";
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                            .timeout(Duration.ofMinutes(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                System.err.println("the hub answered " + response.statusCode() + " at " + url + ": "
                        + response.body());
                return 2;
            }
            Map<String, String> result = parseObject(response.body().strip());
            if ("true".equals(result.get("intact"))) {
                System.out.println("intact: " + result.get("count") + " records, head seq " + result.get("headSeq")
                        + " hash " + result.get("headHash"));
                System.out.println(result.get("checkpoints") + " signed checkpoints verified"
                        + (result.get("lastCheckpointSeq") == null ? "" : ", the last at seq "
                                + result.get("lastCheckpointSeq")));
                return 0;
            }
            if (result.get("badCheckpoint") != null) {
                return badCheckpoint(Long.parseLong(result.get("badCheckpoint")), result.get("problem"));
            }
            return broken(Long.parseLong(result.get("brokenAt")), result.get("problem"));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("cannot ask the hub at " + url + ": " + (e.getMessage() == null ? e : e.getMessage()));
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private static int badCheckpoint(long seq, String why) {
        System.out.println("BAD CHECKPOINT at seq " + seq + ": " + why);
        return 1;
    }

    private static int broken(long seq, String why) {
        System.out.println("BROKEN at seq " + seq + ": " + why);
        return 1;
    }

    static String canonical(Map<String, String> record) {
        StringBuilder out = new StringBuilder(512);
        for (String name : FIELDS) {
            String value = record.get(name);
            out.append(name).append('=');
            if (value == null) {
                out.append('-');
            } else {
                out.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String hash(Map<String, String> record) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical(record).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A flat JSON object: strings, numbers, true/false/null (kept as their text; null as Java null). Enough for the
     * export and the verify answer; anything nested is refused.
     */
    static Map<String, String> parseObject(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        int[] at = {skip(json, 0)};
        expect(json, at, '{');
        if (peek(json, at) == '}') {
            at[0]++;
            return out;
        }
        while (true) {
            String name = string(json, at);
            expect(json, at, ':');
            char c = peek(json, at);
            String value;
            if (c == '"') {
                value = string(json, at);
            } else {
                int start = at[0];
                while (at[0] < json.length() && ",} \t\r\n".indexOf(json.charAt(at[0])) < 0) {
                    at[0]++;
                }
                value = json.substring(start, at[0]);
                if (!value.matches("null|true|false|-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                    throw new IllegalArgumentException("unexpected value at " + start);
                }
                value = value.equals("null") ? null : value;
            }
            if (out.containsKey(name)) {
                throw new IllegalArgumentException("duplicate field " + name);
            }
            out.put(name, value);
            char next = peek(json, at);
            at[0]++;
            if (next == '}') {
                if (skip(json, at[0]) != json.length()) {
                    throw new IllegalArgumentException("text after the object");
                }
                return out;
            }
            if (next != ',') {
                throw new IllegalArgumentException("expected , or } at " + (at[0] - 1));
            }
        }
    }

    private static String string(String json, int[] at) {
        expect(json, at, '"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at[0] >= json.length()) {
                throw new IllegalArgumentException("unterminated string");
            }
            char c = json.charAt(at[0]++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = json.charAt(at[0]++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(at[0], at[0] + 4), 16));
                    at[0] += 4;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + e);
            }
        }
    }

    private static void expect(String json, int[] at, char c) {
        if (peek(json, at) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + at[0]);
        }
        at[0]++;
    }

    private static char peek(String json, int[] at) {
        at[0] = skip(json, at[0]);
        if (at[0] >= json.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return json.charAt(at[0]);
    }

    private static int skip(String json, int i) {
        while (i < json.length() && " \t\r\n".indexOf(json.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
