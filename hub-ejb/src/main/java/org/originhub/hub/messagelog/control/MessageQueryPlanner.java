package org.originhub.hub.messagelog.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.registry.persistence.InstantConverter;

/**
 * Reads one page of envelopes for a message-log search, or counts them, ordered by (received_at, id). Every filter is
 * an equality or a range on a column with a (column, received_at) index (V6, V8, V10), which InnoDB keeps in (column,
 * received_at, id) order, so a page is read from one end of an index and stopped. The member filter (sender or
 * recipient) is two such reads, merged, rather than an OR that would sort all of a member's envelopes. No access rule
 * here: the caller passes the criteria it has already authorized.
 */
public class MessageQueryPlanner {

    // native queries bypass the converters: times are bound as the same UTC text InstantConverter writes
    private static final InstantConverter SQL_TIME = new InstantConverter();

    /**
     * What to read; every criterion is optional and they all apply together ({@code from} inclusive, {@code to}
     * exclusive, on the time received; {@code member} the sender or the recipient, {@code counterpart} the other).
     */
    public record Criteria(Instant from, Instant to, String member, String counterpart, String sender,
            String recipient, String coNumber, String trackingNumber, DocumentType documentType,
            DeliveryStatus status) {
    }

    /**
     * The keyset of a page: the (received_at, id) of its last envelope, written {@code <epoch microseconds>-<id>}
     * (opaque to callers, who pass back what a page's cursor said).
     */
    public record Cursor(Instant receivedAt, long id) {

        public static Cursor of(ExchangeMessage m) {
            return new Cursor(m.receivedAt(), m.id());
        }

        /**
         * The cursor {@code text} names, or null for none.
         *
         * @throws IllegalArgumentException when {@code text} is not a cursor
         */
        public static Cursor parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            int dash = text.indexOf('-', 1);
            try {
                long micros = Long.parseLong(text.substring(0, dash));
                long id = Long.parseLong(text.substring(dash + 1));
                return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor: " + text, e);
            }
        }

        @Override
        public String toString() {
            return ChronoUnit.MICROS.between(Instant.EPOCH, receivedAt) + "-" + id;
        }
    }

    private final EntityManager em;

    public MessageQueryPlanner(EntityManager em) {
        this.em = em;
    }

    /** Up to {@code max} matching envelopes after the cursor, newest or oldest first. */
    public List<ExchangeMessage> page(Criteria f, Cursor after, boolean newestFirst, int max) {
        List<Long> ids = new ArrayList<>();
        for (Object id : nativeQuery(statement(f, after, newestFirst, max, false)).getResultList()) {
            ids.add(((Number) id).longValue());
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, ExchangeMessage> byId = new HashMap<>();
        em.createQuery("SELECT m FROM ExchangeMessage m WHERE m.id IN :ids", ExchangeMessage.class)
                .setParameter("ids", ids).getResultStream().forEach(m -> byId.put(m.id(), m));
        return ids.stream().map(byId::get).toList();
    }

    /**
     * How many envelopes match, counted up to {@code max}: read from the same indexes as a page, unordered, each read
     * stopped after {@code max} entries, so it costs at most that many index entries however large the log.
     */
    public long count(Criteria f, int max) {
        return ((Number) nativeQuery(statement(f, null, true, max, true)).getSingleResult()).longValue();
    }

    private Query nativeQuery(Statement statement) {
        Query query = em.createNativeQuery(statement.sql());
        for (int i = 0; i < statement.parameters().size(); i++) {
            query.setParameter(i + 1, statement.parameters().get(i));
        }
        return query;
    }

    /**
     * The ids of one page ({@code count} false), or the number of matches up to {@code max} ({@code count} true: the
     * same reads, unordered, each stopped after {@code max} entries, and counted).
     */
    private static Statement statement(Criteria f, Cursor after, boolean newestFirst, int max, boolean count) {
        StringBuilder rest = new StringBuilder();
        List<Object> values = new ArrayList<>();
        condition(rest, values, f.from(), " AND received_at >= ?");
        condition(rest, values, f.to(), " AND received_at < ?");
        condition(rest, values, f.sender(), " AND sender_member = ?");
        condition(rest, values, f.recipient(), " AND recipient_member = ?");
        condition(rest, values, f.coNumber(), " AND co_number = ?");
        condition(rest, values, f.trackingNumber(), " AND tracking_number = ?");
        condition(rest, values, f.documentType(), " AND document_type = ?");
        condition(rest, values, f.status(), " AND delivery_status = ?");
        if (after != null) {
            rest.append(newestFirst ? " AND (received_at < ? OR (received_at = ? AND id < ?))"
                    : " AND (received_at > ? OR (received_at = ? AND id > ?))");
            values.add(SQL_TIME.convertToDatabaseColumn(after.receivedAt()));
            values.add(SQL_TIME.convertToDatabaseColumn(after.receivedAt()));
            values.add(after.id());
        }
        String order = count ? "" : newestFirst ? " ORDER BY received_at DESC, id DESC" : " ORDER BY received_at, id";
        StringBuilder sql = new StringBuilder(count ? "SELECT COUNT(*) FROM (" : "");
        List<Object> parameters = new ArrayList<>();
        if (f.member() == null) {
            sql.append(count ? "SELECT 1" : "SELECT id").append(" FROM exchange_message WHERE 1 = 1").append(rest)
                    .append(order).append(" LIMIT ?");
            parameters.addAll(values);
        } else {
            // sender and recipient differ (a member state never sends to itself), so the two sides never overlap
            String[][] sides = {{"sender_member", "recipient_member"}, {"recipient_member", "sender_member"}};
            sql.append(count ? "" : "SELECT id FROM (");
            for (int i = 0; i < sides.length; i++) {
                sql.append(i == 0 ? "" : count ? " UNION ALL " : " UNION ").append(count ? "(SELECT 1"
                        : "(SELECT id, received_at").append(" FROM exchange_message WHERE ").append(sides[i][0])
                        .append(" = ?");
                parameters.add(f.member());
                if (f.counterpart() != null) {
                    sql.append(" AND ").append(sides[i][1]).append(" = ?");
                    parameters.add(f.counterpart());
                }
                sql.append(rest).append(order).append(" LIMIT ?)");
                parameters.addAll(values);
                parameters.add(max);
            }
            if (!count) {
                sql.append(") m").append(order).append(" LIMIT ?");
            }
        }
        if (count) {
            sql.append(") c");
            if (f.member() == null) {
                parameters.add(max);
            }
        } else {
            parameters.add(max);
        }
        return new Statement(sql.toString(), parameters);
    }

    private record Statement(String sql, List<Object> parameters) {
    }

    private static void condition(StringBuilder sql, List<Object> values, Object value, String clause) {
        if (value != null) {
            sql.append(clause);
            if (value instanceof Instant instant) {
                values.add(SQL_TIME.convertToDatabaseColumn(instant));
            } else if (value instanceof Enum<?> e) {
                values.add(e.name());
            } else {
                values.add(value);
            }
        }
    }
}
