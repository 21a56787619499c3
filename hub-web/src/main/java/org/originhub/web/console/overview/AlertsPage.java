package org.originhub.web.console.overview;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.originhub.hub.alerts.boundary.AlertView;
import org.originhub.hub.alerts.boundary.Alerts;
import org.originhub.web.console.Allowed;
import org.originhub.web.console.Caller;
import org.originhub.web.console.ConsoleAction;
import org.originhub.web.console.Guarded;
import org.originhub.web.console.Pages;

/** Open alerts (certificate expiry today; delivery failures with the exchange), and acknowledging them. */
@Named
@ViewScoped
@Guarded
public class AlertsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Alerts alerts;

    @Inject
    Caller caller;

    private List<AlertView> rows;

    @PostConstruct
    void load() {
        rows = alerts.open();
    }

    @Allowed(ConsoleAction.ACKNOWLEDGE_ALERTS)
    public void acknowledge(Long id) {
        AlertView done = alerts.acknowledge(id, caller.getUsername());
        Pages.info("Alert " + done.id() + " acknowledged");
        load();
    }

    public List<AlertView> getRows() {
        return rows;
    }
}
