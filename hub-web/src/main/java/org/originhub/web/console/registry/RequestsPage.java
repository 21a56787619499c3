package org.originhub.web.console.registry;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.originhub.hub.users.entity.Role;
import org.originhub.registry.requests.boundary.RegistrationRequests;
import org.originhub.registry.requests.boundary.RequestView;
import org.originhub.registry.requests.entity.RequestKind;
import org.originhub.registry.requests.entity.RequestStatus;
import org.originhub.web.console.Allowed;
import org.originhub.web.console.Caller;
import org.originhub.web.console.ConsoleAction;
import org.originhub.web.console.ConsoleForbiddenException;
import org.originhub.web.console.Guarded;
import org.originhub.web.console.Pages;
import org.originhub.web.security.RequestDecisions;

/** The registration request queue: approve or reject (a rejection needs a reason), by request kind and role. */
@Named
@ViewScoped
@Guarded
public class RequestsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    RegistrationRequests requests;

    @Inject
    Caller caller;

    private RequestStatus status = RequestStatus.SUBMITTED;
    private List<RequestView> rows;
    private final Map<Long, String> reasons = new HashMap<>();

    @PostConstruct
    void load() {
        rows = requests.list(status);
    }

    @Allowed(ConsoleAction.READ_REGISTRY)
    public void filter() {
        load();
    }

    @Allowed(ConsoleAction.DECIDE_REQUESTS)
    public void approve(Long id) {
        requireMayDecide(id);
        RequestView decided = requests.approve(caller.actor(), id, Pages.blankToNull(reasons.remove(id)));
        Pages.info("Request " + decided.id() + " approved" + (decided.gatewayName() == null ? ""
                : ": gateway " + decided.gatewayName() + " of " + decided.memberCode()));
        load();
    }

    @Allowed(ConsoleAction.DECIDE_REQUESTS)
    public void reject(Long id) {
        requireMayDecide(id);
        RequestView decided = requests.reject(caller.actor(), id, Pages.blankToNull(reasons.remove(id)));
        Pages.info("Request " + decided.id() + " rejected");
        load();
    }

    /** Whether the caller may decide a request of this kind (the page offers the buttons only then). */
    @Allowed(ConsoleAction.READ_REGISTRY)
    public boolean mayDecide(RequestKind kind) {
        return caller.may(ConsoleAction.DECIDE_REQUESTS.name())
                && RequestDecisions.mayDecide(kind, caller.getRole() == Role.SECRETARIAT_ADMIN);
    }

    private void requireMayDecide(Long id) {
        RequestKind kind = requests.find(id).kind();
        if (!RequestDecisions.mayDecide(kind, caller.getRole() == Role.SECRETARIAT_ADMIN)) {
            throw new ConsoleForbiddenException("Only a secretariat administrator decides " + kind + " requests");
        }
    }

    public RequestStatus[] getStatuses() {
        return RequestStatus.values();
    }

    public RequestStatus getStatus() {
        return status;
    }

    public void setStatus(RequestStatus status) {
        this.status = status;
    }

    public List<RequestView> getRows() {
        return rows;
    }

    public Map<Long, String> getReasons() {
        return reasons;
    }
}
