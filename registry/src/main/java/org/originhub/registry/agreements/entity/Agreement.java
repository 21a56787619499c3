package org.originhub.registry.agreements.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.originhub.registry.errors.InvalidInputException;
import org.originhub.registry.memberstates.entity.MemberStateCode;

/**
 * A trade agreement and its parties. Aggregate root: its period and party list change only through the agreements
 * boundary, and only while at least two parties remain.
 */
@Entity
@Table(name = "agreement")
@NamedQuery(name = Agreement.ALL, query = "SELECT a FROM Agreement a ORDER BY a.code")
@NamedQuery(name = Agreement.BY_CODE, query = "SELECT a FROM Agreement a WHERE a.code = :code")
public class Agreement {

    public static final String ALL = "Agreement.all";
    public static final String BY_CODE = "Agreement.byCode";
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{1,31}");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "code", nullable = false, updatable = false, length = 32)
    private String code;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "in_force_from", nullable = false)
    private LocalDate inForceFrom;

    @Column(name = "in_force_until")
    private LocalDate inForceUntil;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agreement_party", joinColumns = @JoinColumn(name = "agreement_id"))
    @Column(name = "member_code", length = 2)
    private Set<String> parties = new TreeSet<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Agreement() {
    }

    public Agreement(String code, String name, LocalDate from, LocalDate until, Collection<MemberStateCode> parties,
            Instant now) {
        this.code = validCode(code);
        this.createdAt = now;
        change(name, from, until, parties);
    }

    public static String validCode(String code) {
        String normalised = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(normalised).matches()) {
            throw new InvalidInputException("InvalidAgreementCode", "An agreement code has 2 to 32 letters, digits, "
                    + "'-' or '_' (for example AFCFTA or EAC-CU), not '" + code + "'");
        }
        return normalised;
    }

    /** Replaces name, period and parties at once, so that the rules are checked on the whole new state. */
    public final void change(String newName, LocalDate from, LocalDate until, Collection<MemberStateCode> newParties) {
        if (newName == null || newName.isBlank() || newName.strip().length() > 200) {
            throw new InvalidInputException("InvalidName", "An agreement needs a name of 1 to 200 characters");
        }
        if (from == null) {
            throw new InvalidInputException("InvalidPeriod", "An agreement needs the date it enters into force");
        }
        if (until != null && until.isBefore(from)) {
            throw new InvalidInputException("InvalidPeriod", "Agreement " + code + " cannot end (" + until
                    + ") before it enters into force (" + from + ")");
        }
        Set<String> codes = new TreeSet<>();
        newParties.forEach(p -> codes.add(p.value()));
        if (codes.size() < 2) {
            throw new InvalidInputException("TooFewParties", "Agreement " + code + " needs at least two parties, got "
                    + codes);
        }
        this.name = newName.strip();
        this.inForceFrom = from;
        this.inForceUntil = until;
        this.parties.clear();
        this.parties.addAll(codes);
    }

    public boolean isInForceOn(LocalDate day) {
        return !day.isBefore(inForceFrom) && (inForceUntil == null || !day.isAfter(inForceUntil));
    }

    public boolean hasParty(MemberStateCode member) {
        return parties.contains(member.value());
    }

    /** The exchange rule: both members are parties and the agreement is in force on that day. */
    public boolean allowsExchange(MemberStateCode from, MemberStateCode to, LocalDate day) {
        return !from.equals(to) && hasParty(from) && hasParty(to) && isInForceOn(day);
    }

    public Long id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public LocalDate inForceFrom() {
        return inForceFrom;
    }

    public LocalDate inForceUntil() {
        return inForceUntil;
    }

    public Set<String> parties() {
        return Collections.unmodifiableSet(parties);
    }
}
