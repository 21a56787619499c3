package org.originhub.registry.agreements.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.originhub.registry.agreements.entity.Agreement;
import org.originhub.registry.errors.ConflictException;
import org.originhub.registry.errors.NotFoundException;
import org.originhub.registry.events.Actor;
import org.originhub.registry.events.RegistryAction;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.memberstates.boundary.MemberStates;
import org.originhub.registry.memberstates.entity.MemberStateCode;

/** Creates and edits agreements; answers whether two members may exchange under one. */
@Stateless
public class Agreements {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Event<RegistryChanged> changes;

    @Inject
    MemberStates memberStates;

    Clock clock = Clock.systemUTC();

    public AgreementView create(Actor actor, String code, String name, LocalDate from, LocalDate until,
            Collection<String> parties) {
        String normalised = Agreement.validCode(code);
        if (byCode(normalised).isPresent()) {
            throw new ConflictException("DuplicateAgreement", "Agreement " + normalised + " already exists");
        }
        Agreement agreement = new Agreement(normalised, name, from, until, registeredMembers(parties),
                clock.instant());
        em.persist(agreement);
        em.flush();
        announce(actor, RegistryAction.AGREEMENT_CREATED, agreement);
        return AgreementView.of(agreement);
    }

    public AgreementView change(Actor actor, String code, String name, LocalDate from, LocalDate until,
            Collection<String> parties) {
        Agreement agreement = entity(code);
        em.lock(agreement, LockModeType.PESSIMISTIC_WRITE);
        agreement.change(name, from, until, registeredMembers(parties));
        announce(actor, RegistryAction.AGREEMENT_CHANGED, agreement);
        return AgreementView.of(agreement);
    }

    public AgreementView find(String code) {
        return AgreementView.of(entity(code));
    }

    public List<AgreementView> list() {
        return em.createNamedQuery(Agreement.ALL, Agreement.class).getResultList().stream()
                .map(AgreementView::of).toList();
    }

    public Agreement entity(String code) {
        String normalised = Agreement.validCode(code);
        return byCode(normalised).orElseThrow(() -> new NotFoundException("UnknownAgreement",
                "No agreement " + normalised + " is registered"));
    }

    public Optional<Agreement> byCode(String code) {
        return em.createNamedQuery(Agreement.BY_CODE, Agreement.class).setParameter("code", code)
                .getResultStream().findFirst();
    }

    private List<MemberStateCode> registeredMembers(Collection<String> parties) {
        if (parties == null) {
            return List.of();
        }
        return parties.stream().map(p -> memberStates.entity(p).code()).toList();
    }

    private void announce(Actor actor, RegistryAction action, Agreement agreement) {
        changes.fire(RegistryChanged.of(actor, action, "Agreement", agreement.code(), null,
                "parties=" + String.join(",", agreement.parties()) + " from=" + agreement.inForceFrom()
                        + (agreement.inForceUntil() == null ? "" : " until=" + agreement.inForceUntil())));
    }
}
