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
}
