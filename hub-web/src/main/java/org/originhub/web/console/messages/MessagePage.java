package org.originhub.web.console.messages;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.originhub.hub.delivery.boundary.Deliveries;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.messagelog.boundary.MessageDetail;
import org.originhub.hub.messagelog.boundary.MessageLog;
import org.originhub.hub.messagelog.boundary.PayloadDownload;
import org.originhub.hub.messagelog.boundary.UnknownMessageException;
import org.originhub.web.console.Allowed;
import org.originhub.web.console.Caller;
import org.originhub.web.console.ConsoleAction;
import org.originhub.web.console.Guarded;
import org.originhub.web.console.Pages;

/**
 * One exchange ({@code message.xhtml?tracking=}): the envelope and its references, the timeline (delivery attempts,
 * acknowledgement, the CO life cycle, the audit records of its tracking number), the payload shown as text or
 * downloaded byte for byte, and resend of a FAILED_DELIVERY. The message log records each view and each payload read.
 */
@Named
@ViewScoped
@Guarded
public class MessagePage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    MessageLog log;

    @Inject
    Deliveries deliveries;

    @Inject
    Caller caller;

    private String tracking;
    private MessageDetail detail;
    private String payloadText;

    @Allowed(ConsoleAction.READ_MESSAGE_LOG)
    public void open() {
        if (Pages.blankToNull(tracking) == null) {
            Pages.error("No message chosen: find one on the messages page");
            return;
        }
        tracking = tracking.strip();
        detail = log.detail(caller.user(), tracking);
    }

    /** The payload as text on the page (escaped like every value); recorded as a payload download. */
    @Allowed(ConsoleAction.READ_MESSAGE_LOG)
    public void showPayload() {
        PayloadDownload payload = log.payload(caller.user(), requireTracking());
        payloadText = new String(payload.content(), StandardCharsets.UTF_8);
    }

    /** The payload byte for byte as received, as a download. */
    @Allowed(ConsoleAction.READ_MESSAGE_LOG)
    public void download() throws IOException {
        PayloadDownload payload = log.payload(caller.user(), requireTracking());
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        external.setResponseContentType(payload.mediaType());
        external.setResponseHeader("Content-Disposition", "attachment; filename=\""
                + payload.trackingNumber().replaceAll("[^A-Za-z0-9._-]", "_") + ".xml\"");
        external.setResponseHeader("X-Payload-Sha256", payload.sha256());
        external.setResponseContentLength(payload.content().length);
        try (OutputStream out = external.getResponseOutputStream()) {
            out.write(payload.content());
        }
        faces.responseComplete();
    }

    /** Pending again and due at once, with a fresh retry window. */
    @Allowed(ConsoleAction.RESEND_DELIVERIES)
    public void resend() {
        DeliveryStatus status = deliveries.retryNow(caller.actor(), requireTracking());
        Pages.info("Message " + tracking + " is " + status + " again and will be delivered at once");
        detail = log.detail(caller.user(), tracking);
    }

    private String requireTracking() {
        if (detail == null) {
            throw new UnknownMessageException("No message chosen: find one on the messages page");
        }
        return detail.message().trackingNumber();
    }

    public boolean isLoaded() {
        return detail != null;
    }

    public boolean isFailed() {
        return detail != null && detail.message().deliveryStatus() == DeliveryStatus.FAILED_DELIVERY;
    }

    public MessageDetail getDetail() {
        return detail;
    }

    public String getPayloadText() {
        return payloadText;
    }

    public String getTracking() {
        return tracking;
    }

    public void setTracking(String tracking) {
        this.tracking = tracking;
    }
}
