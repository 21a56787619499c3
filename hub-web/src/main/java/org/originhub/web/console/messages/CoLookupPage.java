package org.originhub.web.console.messages;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Locale;
import org.originhub.hub.messagelog.boundary.CoLifecycleView;
import org.originhub.hub.messagelog.boundary.MessageLog;
import org.originhub.web.console.Allowed;
import org.originhub.web.console.Caller;
import org.originhub.web.console.ConsoleAction;
import org.originhub.web.console.Guarded;
import org.originhub.web.console.Pages;

/**
 * A CO by its issuer and number ({@code co.xhtml?issuer=&number=} or the form): its document status with every change,
 * whether a legal hold keeps it, and every message about it. A member auditor finds the COs its member state issued
 * or imports only; the message log records every lookup.
 */
@Named
@ViewScoped
@Guarded
public class CoLookupPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    MessageLog log;

    @Inject
    Caller caller;

    private String issuer;
    private String number;
    private CoLifecycleView co;

    /** Looks the CO up when the page is opened with both parameters. */
    @Allowed(ConsoleAction.READ_MESSAGE_LOG)
    public void open() {
        if (Pages.blankToNull(issuer) != null && Pages.blankToNull(number) != null) {
            lookUp();
        }
    }

    @Allowed(ConsoleAction.READ_MESSAGE_LOG)
    public void lookUp() {
        co = null;
        String issuing = Pages.blankToNull(issuer);
        String coNumber = Pages.blankToNull(number);
        if (issuing == null || coNumber == null) {
            Pages.error("Give the issuing member state and the CO number");
            return;
        }
        issuer = issuing.toUpperCase(Locale.ROOT);
        number = coNumber;
        co = log.co(caller.user(), issuer, number);
    }

    public CoLifecycleView getCo() {
        return co;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getNumber() {
        return number;
    }

    public void setNumber(String number) {
        this.number = number;
    }
}
