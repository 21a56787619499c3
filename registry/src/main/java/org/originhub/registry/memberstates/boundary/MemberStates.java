package org.originhub.registry.memberstates.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import org.originhub.registry.errors.ConflictException;
import org.originhub.registry.errors.NotFoundException;
import org.originhub.registry.events.Actor;
import org.originhub.registry.events.RegistryAction;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.memberstates.entity.MemberState;
import org.originhub.registry.memberstates.entity.MemberStateCode;

/** Registers member states and moves them through their life cycle; every change is announced for the audit log. */
@Stateless
public class MemberStates {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Event<RegistryChanged> changes;

    Clock clock = Clock.systemUTC();

    public MemberStateView register(Actor actor, String code, String name) {
        MemberStateCode memberCode = MemberStateCode.of(code);
        if (em.find(MemberState.class, memberCode.value()) != null) {
            throw new ConflictException("DuplicateMemberState", "Member state " + memberCode + " is already registered");
        }
        MemberState member = new MemberState(memberCode, name, clock.instant());
        em.persist(member);
        announce(actor, RegistryAction.MEMBER_STATE_REGISTERED, member, "name=" + member.name());
        return MemberStateView.of(member);
    }

    public MemberStateView rename(Actor actor, String code, String name) {
        MemberState member = locked(code);
        member.rename(name);
        announce(actor, RegistryAction.MEMBER_STATE_RENAMED, member, "name=" + member.name());
        return MemberStateView.of(member);
    }

    public MemberStateView suspend(Actor actor, String code, String reason) {
        MemberState member = locked(code);
        member.suspend(clock.instant());
        announce(actor, RegistryAction.MEMBER_STATE_SUSPENDED, member, reason);
        return MemberStateView.of(member);
    }

    public MemberStateView reactivate(Actor actor, String code, String reason) {
        MemberState member = locked(code);
        member.reactivate(clock.instant());
        announce(actor, RegistryAction.MEMBER_STATE_REACTIVATED, member, reason);
        return MemberStateView.of(member);
    }

    public MemberStateView withdraw(Actor actor, String code, String reason) {
        MemberState member = locked(code);
        member.withdraw(clock.instant());
        announce(actor, RegistryAction.MEMBER_STATE_WITHDRAWN, member, reason);
        return MemberStateView.of(member);
    }

    public MemberStateView find(String code) {
        return MemberStateView.of(entity(code));
    }

    public List<MemberStateView> list() {
        return em.createNamedQuery(MemberState.ALL, MemberState.class).getResultList().stream()
                .map(MemberStateView::of).toList();
    }

    /** For other registry boundaries: the member state, or {@code UnknownMemberState}. */
    public MemberState entity(String code) {
        MemberStateCode memberCode = MemberStateCode.of(code);
        MemberState member = em.find(MemberState.class, memberCode.value());
        if (member == null) {
            throw new NotFoundException("UnknownMemberState", "No member state " + memberCode + " is registered");
        }
        return member;
    }

    private MemberState locked(String code) {
        MemberState member = entity(code);
        em.lock(member, LockModeType.PESSIMISTIC_WRITE);
        return member;
    }

    private void announce(Actor actor, RegistryAction action, MemberState member, String detail) {
        changes.fire(RegistryChanged.of(actor, action, "MemberState", member.code(), member.code().value(), detail));
    }
}
