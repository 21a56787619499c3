package org.originhub.registry.cache.entity;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.originhub.registry.agreements.entity.Agreement;

/**
 * An agreement as routing decides on it, its parties in code order (immutable, kept by the registry read cache). Whether it is in force is
 * asked with the day of each use, never kept.
 */
public record AgreementFacts(String code, LocalDate inForceFrom, LocalDate inForceUntil, List<String> parties) {

    public AgreementFacts {
        parties = List.copyOf(new TreeSet<>(parties));
    }

    public static AgreementFacts of(Agreement a) {
        return new AgreementFacts(a.code(), a.inForceFrom(), a.inForceUntil(), List.copyOf(a.parties()));
    }

    public boolean isInForceOn(LocalDate day) {
        return !day.isBefore(inForceFrom) && (inForceUntil == null || !day.isAfter(inForceUntil));
    }

    public boolean hasParty(String member) {
        return parties.contains(member);
    }
}
