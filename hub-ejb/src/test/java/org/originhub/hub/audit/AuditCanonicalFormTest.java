package org.originhub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.originhub.hub.audit.control.AuditCanonicalForm;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.Outcome;

class AuditCanonicalFormTest {

    private static final Instant AT = Instant.parse("2026-11-25T09:30:00.123456Z");

    private static AuditEntry entry(String detail) {
        return new AuditEntry("USER", "admin", null, "MEMBER_STATE_REGISTERED", Outcome.SUCCESS, "MemberState", "KE",
                null, null, "KE", null, detail);
    }

    @Test
    void theCanonicalFormIsLengthPrefixedAndEndsWithThePreviousHash() {
        String form = AuditCanonicalForm.canonical(7, AT, entry("name=Kenya"), AuditCanonicalForm.GENESIS);

        assertThat(form).startsWith("seq=1:7\nrecorded_at=27:2026-11-25T09:30:00.123456Z\n")
                .contains("actor_member=-\n").contains("detail=10:name=Kenya\n")
                .endsWith("prev_hash=64:" + "0".repeat(64) + "\n");
    }

    @Test
    void anyChangedFieldOrPreviousHashChangesTheHash() {
        String base = AuditCanonicalForm.hash(7, AT, entry("a"), AuditCanonicalForm.GENESIS);

        assertThat(base).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(AuditCanonicalForm.hash(7, AT, entry("a"), AuditCanonicalForm.GENESIS)).isEqualTo(base);
        assertThat(AuditCanonicalForm.hash(8, AT, entry("a"), AuditCanonicalForm.GENESIS)).isNotEqualTo(base);
        assertThat(AuditCanonicalForm.hash(7, AT.plusNanos(1000), entry("a"), AuditCanonicalForm.GENESIS))
                .isNotEqualTo(base);
        assertThat(AuditCanonicalForm.hash(7, AT, entry("b"), AuditCanonicalForm.GENESIS)).isNotEqualTo(base);
        assertThat(AuditCanonicalForm.hash(7, AT, entry("a"), "1".repeat(64))).isNotEqualTo(base);
    }

    @Test
    void aNullFieldAndAnEmptyOrDashValueHashDifferently() {
        String withNull = AuditCanonicalForm.hash(1, AT, entry(null), AuditCanonicalForm.GENESIS);

        assertThat(AuditCanonicalForm.hash(1, AT, entry(""), AuditCanonicalForm.GENESIS)).isNotEqualTo(withNull);
        assertThat(AuditCanonicalForm.hash(1, AT, entry("-"), AuditCanonicalForm.GENESIS)).isNotEqualTo(withNull);
    }

    @Test
    void valuesCannotForgeAFieldBoundary() {
        AuditEntry forged = new AuditEntry("USER", "admin\naction=3:XYZ", null, "A", Outcome.SUCCESS, null, null,
                null, null, null, null, null);
        AuditEntry plain = new AuditEntry("USER", "admin", null, "A", Outcome.SUCCESS, null, null, null, null, null,
                null, null);

        assertThat(AuditCanonicalForm.hash(1, AT, forged, AuditCanonicalForm.GENESIS))
                .isNotEqualTo(AuditCanonicalForm.hash(1, AT, plain, AuditCanonicalForm.GENESIS));
    }

    /**
     * The reused hasher the verification runs writes the documented form's bytes itself: it must hash exactly
     * {@link AuditCanonicalForm#canonical} (stored chains and the offline verifier hash that), whatever the values.
     */
    @Test
    void theReusedHasherHashesExactlyTheCanonicalFormsBytes() throws Exception {
        AuditCanonicalForm.Hasher hasher = new AuditCanonicalForm.Hasher();
        String[] details = {null, "", "-", "name=Kenya", "C\u00f4te d'Ivoire \u2013 \u00e9t\u00e9", "emoji \ud83d\ude00 end",
            "lone \ud83d surrogate", "x".repeat(1000), "line\nbreak=3:abc"};
        Instant[] times = {AT, Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("0999-12-31T23:59:59.999999Z"),
            Instant.parse("+10000-01-01T00:00:00.000001Z"), Instant.parse("-0005-06-07T08:09:10.5Z"),
            Instant.parse("2026-11-25T09:30:00.123456789Z"), Instant.EPOCH};
        long[] seqs = {1, 9, 10, 123_456_789_012L};
        String prev = AuditCanonicalForm.GENESIS;
        for (String detail : details) {
            for (Instant at : times) {
                for (long seq : seqs) {
                    AuditEntry entry = new AuditEntry("GATEWAY", "gw-\u00e9", detail == null ? null : "KE",
                            "CO_SUBMITTED", Outcome.REJECTED, "Envelope", detail, "TN-1", null, "KE", "TZ", detail);
                    String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest
                            .getInstance("SHA-256").digest(AuditCanonicalForm.canonical(seq, at, entry, prev)
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));

                    assertThat(hasher.hash(seq, at, entry, prev)).as("%s %s %d", detail, at, seq)
                            .isEqualTo(expected);
                    assertThat(AuditCanonicalForm.hash(seq, at, entry, prev)).isEqualTo(expected);
                    assertThat(hasher.matches(seq, at, entry, prev, expected)).isTrue();
                    assertThat(hasher.matches(seq, at, entry, prev, expected.toUpperCase())).isFalse();
                    assertThat(hasher.matches(seq + 1, at, entry, prev, expected)).isFalse();
                    assertThat(hasher.matches(seq, at, entry, prev, expected.substring(1))).isFalse();
                    assertThat(hasher.matches(seq, at, entry, prev, null)).isFalse();
                    prev = expected;
                }
            }
        }
    }
}
