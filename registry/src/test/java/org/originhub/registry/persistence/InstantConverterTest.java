package org.originhub.registry.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstantConverterTest {

    private final InstantConverter converter = new InstantConverter();

    @Test
    void writesUtcWithSixFractionDigits() {
        assertThat(converter.convertToDatabaseColumn(Instant.parse("2026-11-25T09:30:00.123456789Z")))
                .isEqualTo("2026-11-25 09:30:00.123456");
        assertThat(converter.convertToDatabaseColumn(Instant.parse("2026-11-25T09:30:00Z")))
                .isEqualTo("2026-11-25 09:30:00.000000");
    }

    @Test
    void readsTheFormsDriversReturn() {
        Instant expected = Instant.parse("2026-11-25T09:30:00.123456Z");
        assertThat(converter.convertToEntityAttribute("2026-11-25 09:30:00.123456")).isEqualTo(expected);
        assertThat(converter.convertToEntityAttribute("2026-11-25T09:30:00.123456")).isEqualTo(expected);
        assertThat(converter.convertToEntityAttribute("2026-11-25 09:30:00"))
                .isEqualTo(Instant.parse("2026-11-25T09:30:00Z"));
        assertThat(converter.convertToEntityAttribute(java.time.LocalDateTime.parse("2026-11-25T09:30:00.123456")))
                .isEqualTo(expected);
    }

    @Test
    void nullStaysNull() {
        assertThat(converter.convertToDatabaseColumn(null)).isNull();
        assertThat(converter.convertToEntityAttribute(null)).isNull();
    }
}
