package org.originhub.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.hub.audit.control.AuditCanonicalForm;
import org.originhub.hub.audit.control.AuditCheckpointForm;
import org.originhub.hub.audit.control.AuditExportFormat;
import org.originhub.hub.audit.entity.AuditCheckpoint;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.registry.testing.TestPki;

/**
 * The auditors' JDK-only verifier (src/audit/java/AuditVerify.java) duplicates the hub's canonical form: it must agree
 * with {@link AuditCanonicalForm} on records hashed by the hub, awkward values included, and find tampering.
 *
 * <p>The first case runs the program as auditors do ({@code java AuditVerify.java FILE}, compiled from source at each
 * run); the others run the same source compiled once for the class, which saves a compilation per case.
 */
class AuditVerifyProgramTest {

    static final Path PROGRAM = Path.of("src/audit/java/AuditVerify.java");

    @TempDir
    static Path compiled;

    @TempDir
    Path dir;

    @BeforeAll
    static void compile() {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int exit = javac.run(null, null, null, "--release", "17", "-d", compiled.toString(),
                PROGRAM.toAbsolutePath().toString());
        assertThat(exit).as("javac " + PROGRAM).isZero();
    }

    /** A chain hashed by the hub's own class, exported by the hub's own JSON-lines format. */
    static List<String> chain() {
        AuditEntry[] entries = {
            new AuditEntry("USER", "admin", null, "LOGIN", Outcome.SUCCESS, "User", "admin", null, null, null, null,
                    null),
            new AuditEntry("GATEWAY", "gw \"ke\" \\ 1", "KE", "CO_SUBMITTED", Outcome.REJECTED, "Certificate",
                    "co,1", "TN-1", "CO/KE/1", "KE", "TZ", "line one\nline two\ttab \u0001 Nairobi \u00e9 \u20ac "
                            + "\ud83d\ude00 =cmd|' /C calc'!A0"),
            new AuditEntry("HUB", "hub", null, "NODE_STARTED", Outcome.FAILED, null, null, null, null, null, null,
                    "")};
        List<String> lines = new ArrayList<>();
        String prev = AuditCanonicalForm.GENESIS;
        Instant at = Instant.parse("2026-11-25T09:30:00.123456Z");
        for (int i = 0; i < entries.length; i++) {
            long seq = i + 1;
            Instant time = at.plusNanos(i * 1_000L);
            String hash = AuditCanonicalForm.hash(seq, time, entries[i], prev);
            lines.add(AuditExportFormat.JSONL.line(new AuditRecord(seq, time, entries[i], prev, hash)));
            prev = hash;
        }
        return lines;
    }

    @Test
    void theProgramAgreesWithTheHubOnRecordsTheHubHashed() throws Exception {
        Result result = runFromSource(write(chain()));

        assertThat(result.output()).contains("intact: 3 records");
        assertThat(result.exit()).isZero();
    }

    @Test
    void anAlteredRecordFailsAtItsSequenceNumber() throws Exception {
        List<String> lines = chain();
        lines.set(1, lines.get(1).replace("\"outcome\":\"REJECTED\"", "\"outcome\":\"SUCCESS\""));

        Result result = run(write(lines));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("BROKEN at seq 2").contains("altered");
    }

    @Test
    void aDeletedRecordFailsAtTheMissingSequenceNumber() throws Exception {
        List<String> lines = chain();
        lines.remove(1);

        Result result = run(write(lines));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("BROKEN at seq 2").contains("deleted");
    }

    @Test
    void aNonJsonLineIsReportedAsBroken() throws Exception {
        List<String> lines = chain();
        lines.set(2, "seq=3\n");

        Result result = run(write(lines));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("BROKEN at seq 3").contains("not a JSON record");
    }

    /** The hub's key in these tests, and the chain: LOGIN, CO_SUBMITTED, AUDIT_CHECKPOINT + its checkpoint, LOGIN. */
    static final TestPki.Issued HUB_KEY = TestPki.selfSigned("CN=Test hub").build();

    static List<String> chainWithCheckpoint(TestPki.Issued signer, List<AuditEntry> entries) throws Exception {
        List<String> lines = new ArrayList<>();
        String prev = AuditCanonicalForm.GENESIS;
        Instant at = Instant.parse("2026-11-25T09:30:00.123456Z");
        for (int i = 0; i < entries.size(); i++) {
            long seq = i + 1;
            Instant time = at.plusNanos(i * 1_000L);
            String hash = AuditCanonicalForm.hash(seq, time, entries.get(i), prev);
            lines.add(AuditExportFormat.JSONL.line(new AuditRecord(seq, time, entries.get(i), prev, hash)));
            if (entries.get(i).action().equals("AUDIT_CHECKPOINT")) {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(signer.privateKey());
                signature.update(AuditCheckpointForm.signedBytes(seq, hash, time));
                lines.add(AuditExportFormat.JSONL.checkpointLine(new AuditCheckpoint(seq, hash, time, "SHA256withRSA",
                        signature.sign(), AuditCheckpointForm.fingerprint(signer.der()), signer.der())));
            }
            prev = hash;
        }
        return lines;
    }

    static List<AuditEntry> entries(String detail) {
        return List.of(
                new AuditEntry("USER", "admin", null, "LOGIN", Outcome.SUCCESS, "User", "admin", null, null, null,
                        null, null),
                new AuditEntry("GATEWAY", "gw-ke", "KE", "CO_SUBMITTED", Outcome.SUCCESS, "Certificate", "co-1",
                        "TN-1", "CO/KE/1", "KE", "TZ", detail),
                new AuditEntry("HUB", "hub", null, "AUDIT_CHECKPOINT", Outcome.SUCCESS, "AuditCheckpoint", null, null,
                        null, null, null, "signs this record"),
                new AuditEntry("USER", "admin", null, "LOGIN", Outcome.SUCCESS, "User", "admin", null, null, null,
                        null, null));
    }

    @Test
    void anExportWithASignedCheckpointVerifiesAndNamesItsSigner() throws Exception {
        String fingerprint = AuditCheckpointForm.fingerprint(HUB_KEY.der());

        Result result = run(write(chainWithCheckpoint(HUB_KEY, entries("original"))), "--signer", fingerprint);

        assertThat(result.output()).contains("intact: 4 records")
                .contains("1 signed checkpoints verified, the last at seq 3, signed by " + fingerprint);
        assertThat(result.exit()).isZero();
    }

    @Test
    void aChainRewrittenConsistentlyAfterItsCheckpointFailsAtTheCheckpoint() throws Exception {
        List<String> lines = chainWithCheckpoint(HUB_KEY, entries("original"));
        // Every record recomputed with a changed detail, but the hub's checkpoint kept: the attacker has no hub key.
        List<String> rewritten = chainWithCheckpoint(TestPki.selfSigned("CN=Attacker").build(), entries("changed"));
        rewritten.set(3, lines.get(3));

        Result result = run(write(rewritten));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("BAD CHECKPOINT at seq 3").contains("rewritten");
    }

    @Test
    void aForgedCheckpointSignatureFails() throws Exception {
        List<String> lines = chainWithCheckpoint(HUB_KEY, entries("original"));
        String line = lines.get(3);
        String signature = line.replaceAll(".*\"signature\":\"([^\"]+)\".*", "$1").strip();
        byte[] forged = Base64.getDecoder().decode(signature);
        forged[5] ^= 1;
        lines.set(3, line.replace(signature, Base64.getEncoder().encodeToString(forged)));

        Result result = run(write(lines));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("BAD CHECKPOINT at seq 3").contains("does not verify");
    }

    @Test
    void aCheckpointByAnotherKeyFailsWhenTheHubCertificateIsPinned() throws Exception {
        TestPki.Issued attacker = TestPki.selfSigned("CN=Test hub").build();

        Result result = run(write(chainWithCheckpoint(attacker, entries("original"))), "--signer",
                AuditCheckpointForm.fingerprint(HUB_KEY.der()));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("BAD CHECKPOINT at seq 3").contains("not the hub's");
    }

    @Test
    void aCheckpointLineRemovedWhileItsRecordStaysFails() throws Exception {
        List<String> lines = chainWithCheckpoint(HUB_KEY, entries("original"));
        lines.remove(3);

        Result result = run(write(lines));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("BAD CHECKPOINT at seq 3").contains("missing: deleted");
    }

    @Test
    void recordsCutFromTheEndBeforeTheirCheckpointFail() throws Exception {
        List<String> lines = chainWithCheckpoint(HUB_KEY, entries("original"));
        String checkpoint = lines.get(3);
        List<String> cut = new ArrayList<>(lines.subList(0, 2));
        cut.add(checkpoint);

        Result result = run(write(cut));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("BAD CHECKPOINT at seq 3").contains("deleted from the end");
    }

    private Path write(List<String> lines) throws IOException {
        Path file = dir.resolve("export.jsonl");
        Files.writeString(file, String.join("", lines), StandardCharsets.UTF_8);
        return file;
    }

    record Result(int exit, String output) {
    }

    /** The documented command: {@code java AuditVerify.java [options] FILE}. */
    static Result runFromSource(Path export, String... options) throws Exception {
        return run(List.of(PROGRAM.toAbsolutePath().toString()), export, options);
    }

    /** The same program, compiled once for the class. */
    static Result run(Path export, String... options) throws Exception {
        return run(List.of("-cp", compiled.toString(), "AuditVerify"), export, options);
    }

    private static Result run(List<String> program, Path export, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(program);
        command.addAll(List.of(options));
        command.add(export.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
