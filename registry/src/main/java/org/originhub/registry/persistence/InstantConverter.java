package org.originhub.registry.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Maps {@link Instant} to {@code DATETIME(6)} columns holding UTC, bound as text.
 *
 * <p>Why text and not {@code java.sql.Timestamp}: EclipseLink 4 does not map Instant at all (it would write a BLOB),
 * and MySQL Connector/J drops the fraction of every Timestamp it sends to a server that reports a version below
 * 5.6.4, which MariaDB 10.11 does ("5.5.5-10.11.x"). Times would lose their microseconds, and audit records would no
 * longer hash the same after a round trip. A UTC text literal keeps all six digits on MySQL 8 and MariaDB alike and
 * does not depend on any JVM or session time zone.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, Object> {

    private static final DateTimeFormatter SQL_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    @Override
    public String convertToDatabaseColumn(Instant value) {
        return value == null ? null : SQL_MICROS.format(value);
    }

    /**
     * Reads what the driver returns for DATETIME (Connector/J: LocalDateTime; also Timestamp or text such as
     * "2026-01-02 03:04:05.123456"), always as UTC. The database type is Object for this reason: EclipseLink hands the
     * driver's object to the converter unchanged.
     */
    @Override
    public Instant convertToEntityAttribute(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        return LocalDateTime.parse(value.toString().strip().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
}
