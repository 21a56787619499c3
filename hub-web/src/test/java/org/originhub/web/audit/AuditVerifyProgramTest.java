package org.originhub.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.hub.audit.control.AuditCanonicalForm;
import org.originhub.hub.audit.control.AuditExportFormat;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.audit.entity.Outcome;

/**
 * The auditors' JDK-only verifier (src/audit/java/AuditVerify.java) duplicates the hub's canonical form: it must agree
 * with {@link AuditCanonicalForm} on records hashed by the hub, awkward values included, and find tampering.
 */
class AuditVerifyProgramTest {

    static final Path PROGRAM = Path.of("src/audit/java/AuditVerify.java");

    @TempDir
    Path dir;

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
        Result result = run(write(chain()));

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

    private Path write(List<String> lines) throws IOException {
        Path file = dir.resolve("export.jsonl");
        Files.writeString(file, String.join("", lines), StandardCharsets.UTF_8);
        return file;
    }

    record Result(int exit, String output) {
    }

    static Result run(Path export) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                PROGRAM.toAbsolutePath().toString(), export.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
