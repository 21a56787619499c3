package org.originhub.registry.authorities.boundary;

import jakarta.annotation.Priority;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.originhub.registry.agreements.boundary.Agreements;
import org.originhub.registry.agreements.entity.Agreement;
import org.originhub.registry.authorities.entity.AuthorisedSigner;
import org.originhub.registry.authorities.entity.IssuingAuthority;
import org.originhub.registry.certificates.boundary.CertificateInUse;
import org.originhub.registry.certificates.boundary.CheckedCertificate;
import org.originhub.registry.certificates.boundary.CrlImported;
import org.originhub.registry.certificates.boundary.TrustAnchors;
import org.originhub.registry.certificates.entity.CertificateFingerprint;
import org.originhub.registry.errors.InvalidInputException;
import org.originhub.registry.errors.NotFoundException;
import org.originhub.registry.events.Actor;
import org.originhub.registry.events.RegistryAction;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.memberstates.boundary.MemberStates;
import org.originhub.registry.memberstates.entity.MemberState;

/** Issuing authorities and authorised signers, and the real-time signer check customs run at declaration. */
@Stateless
public class Authorities {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Event<RegistryChanged> changes;

    @Inject
    MemberStates memberStates;

    @Inject
    Agreements agreements;

    @Inject
    TrustAnchors trustAnchors;

    Clock clock = Clock.systemUTC();

    public AuthorityView registerAuthority(Actor actor, String memberCode, String name, Instant validFrom,
            Instant validUntil) {
        MemberState member = memberStates.entity(memberCode);
        IssuingAuthority authority = new IssuingAuthority(member.code(), name, validFrom, validUntil,
                clock.instant());
        em.persist(authority);
        em.flush();
        changes.fire(RegistryChanged.of(actor, RegistryAction.ISSUING_AUTHORITY_REGISTERED, "IssuingAuthority",
                authority.id(), member.code().value(), "name=" + authority.name()));
        return AuthorityView.of(authority);
    }

    public AuthorityView revokeAuthority(Actor actor, Long id, String reason) {
        IssuingAuthority authority = authority(id);
        em.lock(authority, LockModeType.PESSIMISTIC_WRITE);
        authority.revoke(clock.instant(), reason);
        changes.fire(RegistryChanged.of(actor, RegistryAction.ISSUING_AUTHORITY_REVOKED, "IssuingAuthority",
                authority.id(), authority.memberCode().value(), reason));
        return AuthorityView.of(authority);
    }

    public List<AuthorityView> authorities(String memberCode) {
        List<IssuingAuthority> found = memberCode == null || memberCode.isBlank()
                ? em.createNamedQuery(IssuingAuthority.ALL, IssuingAuthority.class).getResultList()
                : em.createNamedQuery(IssuingAuthority.OF_MEMBER, IssuingAuthority.class)
                        .setParameter("member", memberStates.entity(memberCode).code().value()).getResultList();
        return found.stream().map(AuthorityView::of).toList();
    }

    /** Registers an official's signing certificate (same certificate rules as gateways) for an authority. */
    public SignerView registerSigner(Actor actor, Long authorityId, String name, byte[] certificate,
            Instant validFrom, Instant validUntil, Collection<String> agreementCodes) {
        IssuingAuthority authority = authority(authorityId);
        if (authority.isRevoked()) {
            throw new InvalidInputException("AuthorityRevoked", "Issuing authority " + authority.name()
                    + " is revoked: it cannot have new signers");
        }
        List<Long> agreementIds = agreementCodes == null ? List.of() : agreementCodes.stream().map(code -> {
            Agreement agreement = agreements.entity(code);
            if (!agreement.hasParty(authority.memberCode())) {
                throw new InvalidInputException("NotParty", "Member state " + authority.memberCode()
                        + " is not a party to agreement " + agreement.code());
            }
            return agreement.id();
        }).toList();
        CheckedCertificate checked = trustAnchors.checkCertificate(certificate, clock.instant());
        AuthorisedSigner signer = new AuthorisedSigner(authority, name, checked.anchorId(), checked.data(),
                validFrom, validUntil, agreementIds, clock.instant());
        em.persist(signer);
        em.flush();
        changes.fire(RegistryChanged.of(actor, RegistryAction.AUTHORISED_SIGNER_REGISTERED, "AuthorisedSigner",
                signer.fingerprint(), signer.memberCode(), "name=" + signer.name() + " authority="
                        + authority.name()));
        return view(signer);
    }

    public SignerView revokeSigner(Actor actor, String fingerprint, String reason) {
        AuthorisedSigner signer = signer(fingerprint).orElseThrow(() -> new NotFoundException("UnknownSigner",
                "No authorised signer with certificate " + fingerprint));
        em.lock(signer, LockModeType.PESSIMISTIC_WRITE);
        signer.revoke(clock.instant(), reason);
        changes.fire(RegistryChanged.of(actor, RegistryAction.AUTHORISED_SIGNER_REVOKED, "AuthorisedSigner",
                signer.fingerprint(), signer.memberCode(), reason));
        return view(signer);
    }

    public List<SignerView> signers(String memberCode) {
        return em.createNamedQuery(AuthorisedSigner.OF_MEMBER, AuthorisedSigner.class)
                .setParameter("member", memberStates.entity(memberCode).code().value()).getResultList().stream()
                .map(this::view).toList();
    }

    /**
     * Active signers whose certificate ends within {@code within} from now (or has ended while they are still
     * active), soonest first: officials whose certificate must be replaced.
     */
    public List<SignerView> expiringSigners(Duration within) {
        return em.createNamedQuery(AuthorisedSigner.ACTIVE_EXPIRING_BEFORE, AuthorisedSigner.class)
                .setParameter("limit", clock.instant().plus(within)).getResultList().stream().map(this::view)
                .sorted(Comparator.comparing(SignerView::notAfter)).toList();
    }

    /**
     * Was the certificate with this fingerprint an authorised signer of {@code memberCode}, for
     * {@code agreementCode} (optional), at {@code at} (now when null)? Read-only and fast: one indexed lookup.
     */
    public SignerVerdict checkSigner(String fingerprint, String memberCode, String agreementCode, Instant at) {
        Instant when = at == null ? clock.instant() : at;
        String fp;
        try {
            fp = CertificateFingerprint.parse(fingerprint).hex();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("InvalidFingerprint", "A certificate fingerprint is the SHA-256 of the "
                    + "DER certificate as 64 hexadecimal characters, not '" + fingerprint + "'");
        }
        String member = memberCode == null ? null : memberCode.strip().toUpperCase(Locale.ROOT);
        Optional<AuthorisedSigner> found = signer(fp);
        if (found.isEmpty()) {
            return new SignerVerdict(false, "the certificate is not registered as an authorised signer", fp, member,
                    agreementCode, when, null, null);
        }
        AuthorisedSigner signer = found.get();
        IssuingAuthority authority = em.find(IssuingAuthority.class, signer.authorityId());
        String refusal = null;
        Long agreementId = null;
        if (member != null && !member.equals(signer.memberCode())) {
            refusal = "the signer is authorised for member state " + signer.memberCode() + ", not " + member;
        }
        if (refusal == null && agreementCode != null && !agreementCode.isBlank()) {
            Optional<Agreement> agreement = agreements.byCode(agreementCode.strip().toUpperCase(Locale.ROOT));
            if (agreement.isEmpty()) {
                refusal = "no agreement " + agreementCode + " is registered";
            } else if (!agreement.get().isInForceOn(when.atZone(ZoneOffset.UTC).toLocalDate())) {
                refusal = "agreement " + agreement.get().code() + " was not in force then";
            } else if (!agreement.get().hasParty(authority.memberCode())) {
                refusal = "member state " + signer.memberCode() + " is not a party to " + agreement.get().code();
            } else {
                agreementId = agreement.get().id();
            }
        }
        if (refusal == null && !authority.authorisedAt(when)) {
            refusal = "the issuing authority " + authority.name() + " was not authorised then";
        }
        if (refusal == null) {
            refusal = signer.refusalAt(when, agreementId);
        }
        return new SignerVerdict(refusal == null, refusal == null ? "authorised signer of " + signer.memberCode()
                + " (" + authority.name() + ")" : refusal, fp, signer.memberCode(), agreementCode, when,
                signer.name(), authority.name());
    }

    /**
     * Revokes the signers under the anchor whose serial an imported CRL lists and that are not revoked yet, in the
     * import's transaction; after the gateway certificates (higher priority value).
     */
    public void revokeListed(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) CrlImported crl) {
        em.createQuery("SELECT s FROM AuthorisedSigner s WHERE s.anchorId = :anchor AND s.revokedAt IS NULL",
                AuthorisedSigner.class).setParameter("anchor", crl.anchorId()).getResultList().stream()
                .filter(s -> crl.lists(s.serialNumber())).forEach(s -> {
                    s.revoke(crl.at(), crl.revocationReason());
                    crl.revoked(s.fingerprint());
                    changes.fire(RegistryChanged.of(crl.actor(), RegistryAction.AUTHORISED_SIGNER_REVOKED,
                            "AuthorisedSigner", s.fingerprint(), s.memberCode(), "by CRL of " + crl.anchorName()));
                });
    }

    /** A certificate registered as a signer, revoked or not, is taken. */
    public void answer(@Observes CertificateInUse question) {
        if (!question.taken() && !em.createNamedQuery(AuthorisedSigner.BY_FINGERPRINT, AuthorisedSigner.class)
                .setParameter("fingerprint", question.fingerprint()).getResultList().isEmpty()) {
            question.markTaken();
        }
    }

    private Optional<AuthorisedSigner> signer(String fingerprint) {
        String fp = fingerprint == null ? "" : fingerprint.strip().toLowerCase(Locale.ROOT).replace(":", "");
        return em.createNamedQuery(AuthorisedSigner.BY_FINGERPRINT, AuthorisedSigner.class)
                .setParameter("fingerprint", fp).getResultStream().findFirst();
    }

    private IssuingAuthority authority(Long id) {
        IssuingAuthority authority = id == null ? null : em.find(IssuingAuthority.class, id);
        if (authority == null) {
            throw new NotFoundException("UnknownAuthority", "No issuing authority with id " + id);
        }
        return authority;
    }

    private SignerView view(AuthorisedSigner s) {
        List<String> codes = s.agreementIds().stream().map(id -> em.find(Agreement.class, id).code()).sorted()
                .toList();
        return new SignerView(s.id(), s.authorityId(), s.memberCode(), s.name(), s.fingerprint(), s.subject(),
                s.notBefore(), s.notAfter(), s.validFrom(), s.validUntil(), s.status(), s.revokedAt(), codes);
    }
}
