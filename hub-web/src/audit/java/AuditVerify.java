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
 * Verifies the Origin Hub audit log, with nothing but a JDK (17+): {@code java AuditVerify.java EXPORT.jsonl} checks an
 * unfiltered JSON-lines export offline; {@code java AuditVerify.java --url http://host:port/} asks a running hub to
 * verify its database ({@code GET /api/audit/verify}, HTTP Basic from HUB_AUDIT_USER and HUB_AUDIT_PASSWORD).
 * Exit 0: intact. Exit 1: broken (the first broken sequence number is printed). Exit 2: the input could not be read
 * or the hub not asked. Exit 64: wrong usage.
 *
 * <p>This file duplicates the hub's canonical form (org.originhub.hub.audit.control.AuditCanonicalForm) on purpose:
 * an auditor must be able to check an export without the hub's code or trusting the hub. A test
 * (AuditVerifyProgramTest) feeds it records hashed by the hub's class, so the two cannot drift apart unnoticed.
 * Canonical form: one line per field, in the order of FIELDS below, each {@code name=LENGTH:VALUE\n} (LENGTH in
 * UTF-8 bytes) or {@code name=-\n} for null; hash = lowercase hex SHA-256 of the UTF-8 canonical form; the first
 * record's prev_hash is 64 zeros.
 */
public final class AuditVerify {

    static final String[] FIELDS = {"seq", "recorded_at", "actor_kind", "actor", "actor_member", "action", "outcome",
        "object_type", "object_id", "tracking_number", "co_number", "sender_member", "recipient_member", "detail",
        "prev_hash"};
    static final String GENESIS = "0".repeat(64);

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && !args[0].startsWith("-")) {
            System.exit(verifyFile(Path.of(args[0])));
        } else if (args.length == 2 && args[0].equals("--url")) {
            System.exit(verifyHub(args[1]));
        }
        System.err.println("usage: java AuditVerify.java EXPORT.jsonl | --url http://host:port/");
        System.exit(64);
    }

    static int verifyFile(Path file) {
        long expected = 1;
        String previous = GENESIS;
        int lineNumber = 0;
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
            }
        } catch (IOException e) {
            System.err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        System.out.println("intact: " + (expected - 1) + " records, head seq " + (expected - 1) + " hash " + previous);
        return 0;
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
                return 0;
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
