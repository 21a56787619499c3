package org.originhub.web.console.registry;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.originhub.registry.agreements.boundary.AgreementView;
import org.originhub.registry.agreements.boundary.Agreements;
import org.originhub.registry.memberstates.boundary.MemberStateView;
import org.originhub.registry.memberstates.boundary.MemberStates;
import org.originhub.web.console.Allowed;
import org.originhub.web.console.Caller;
import org.originhub.web.console.ConsoleAction;
import org.originhub.web.console.Guarded;
import org.originhub.web.console.Pages;

/** Member states (register, suspend, reactivate) and the agreements between them (create). */
@Named
@ViewScoped
@Guarded
public class MemberStatesPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    MemberStates memberStates;

    @Inject
    Agreements agreements;

    @Inject
    Caller caller;

    private List<MemberStateView> members;
    private List<AgreementView> agreementRows;
    private final Map<String, String> reasons = new HashMap<>();
    private String code;
    private String name;
    private String agreementCode;
    private String agreementName;
    private LocalDate inForceFrom;
    private LocalDate inForceUntil;
    private List<String> parties = new ArrayList<>();

    @PostConstruct
    void load() {
        members = memberStates.list();
        agreementRows = agreements.list();
    }

    @Allowed(ConsoleAction.MANAGE_MEMBER_STATES)
    public void register() {
        MemberStateView created = memberStates.register(caller.actor(), code, name);
        Pages.info("Member state " + created.code() + " registered");
        code = null;
        name = null;
        load();
    }

    @Allowed(ConsoleAction.MANAGE_MEMBER_STATES)
    public void suspend(String member) {
        memberStates.suspend(caller.actor(), member, Pages.blankToNull(reasons.remove(member)));
        Pages.info("Member state " + member + " suspended: its gateways can neither send nor receive");
        load();
    }

    @Allowed(ConsoleAction.MANAGE_MEMBER_STATES)
    public void reactivate(String member) {
        memberStates.reactivate(caller.actor(), member, Pages.blankToNull(reasons.remove(member)));
        Pages.info("Member state " + member + " reactivated");
        load();
    }

    @Allowed(ConsoleAction.MANAGE_AGREEMENTS)
    public void createAgreement() {
        AgreementView created = agreements.create(caller.actor(), agreementCode, agreementName, inForceFrom,
                inForceUntil, parties);
        Pages.info("Agreement " + created.code() + " created");
        agreementCode = null;
        agreementName = null;
        inForceFrom = null;
        inForceUntil = null;
        parties = new ArrayList<>();
        load();
    }

    public List<MemberStateView> getMembers() {
        return members;
    }

    public List<AgreementView> getAgreements() {
        return agreementRows;
    }

    public Map<String, String> getReasons() {
        return reasons;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAgreementCode() {
        return agreementCode;
    }

    public void setAgreementCode(String agreementCode) {
        this.agreementCode = agreementCode;
    }

    public String getAgreementName() {
        return agreementName;
    }

    public void setAgreementName(String agreementName) {
        this.agreementName = agreementName;
    }

    public LocalDate getInForceFrom() {
        return inForceFrom;
    }

    public void setInForceFrom(LocalDate inForceFrom) {
        this.inForceFrom = inForceFrom;
    }

    public LocalDate getInForceUntil() {
        return inForceUntil;
    }

    public void setInForceUntil(LocalDate inForceUntil) {
        this.inForceUntil = inForceUntil;
    }

    public List<String> getParties() {
        return parties;
    }

    public void setParties(List<String> parties) {
        this.parties = parties;
    }
}
