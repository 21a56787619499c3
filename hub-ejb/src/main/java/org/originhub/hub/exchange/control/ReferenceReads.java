package org.originhub.hub.exchange.control;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.originhub.hub.exchange.entity.Reference;

/**
 * The References of several stored messages in one read, for the reads that show or deliver many at once (a claim, a
 * pull, tracking): loading each message's lazy collection would be one SELECT per message, and EclipseLink 4.0.7 cannot
 * batch- or join-fetch that embeddable collection (the next flush fails with EclipseLink-69). References never change
 * after the insert, so reading the table directly gives what the collection holds.
 */
public final class ReferenceReads {

    static final String OF = "SELECT message_id, tracking_number, co_number FROM exchange_reference "
            + "WHERE message_id IN (%s) ORDER BY message_id, ref_index";

    private ReferenceReads() {
    }

    /** Each message's references in their order, by message id; a message without any is not in the map. */
    public static Map<Long, List<Reference>> of(EntityManager em, Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = List.copyOf(messageIds);
        jakarta.persistence.Query query = em.createNativeQuery(OF.formatted(
                String.join(", ", Collections.nCopies(ids.size(), "?"))));
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter(i + 1, ids.get(i));
        }
        Map<Long, List<Reference>> found = new HashMap<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            found.computeIfAbsent(((Number) columns[0]).longValue(), id -> new ArrayList<>())
                    .add(new Reference((String) columns[1], (String) columns[2]));
        }
        return found;
    }
}
