package org.originhub.registry.agreements.boundary;

import java.time.LocalDate;
import java.util.List;
import org.originhub.registry.agreements.entity.Agreement;

/** An agreement as the edges show it. */
public record AgreementView(String code, String name, LocalDate inForceFrom, LocalDate inForceUntil,
        List<String> parties) {

    public static AgreementView of(Agreement a) {
        return new AgreementView(a.code(), a.name(), a.inForceFrom(), a.inForceUntil(), List.copyOf(a.parties()));
    }
}
