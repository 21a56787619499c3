package org.originhub.web.console;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small helpers the console beans share: messages, navigation, and how times are shown (UTC). */
public final class Pages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Pages() {
    }

    public static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    public static void error(String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
        faces.validationFailed();
    }

    /** A navigation outcome that redirects to {@code view} (GET after POST). */
    public static String redirect(ConsoleView view) {
        return view.path() + "?faces-redirect=true";
    }

    /** Keeps messages across a redirect. */
    public static void keepMessages() {
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A code typed in a filter (member state, action), trimmed and upper-cased; null when blank. */
    public static String upperOrNull(String value) {
        String v = blankToNull(value);
        return v == null ? null : v.toUpperCase(java.util.Locale.ROOT);
    }

    /** A date-time picked in a filter, read as UTC (the console shows every time in UTC). */
    public static Instant utc(java.time.LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }
}
