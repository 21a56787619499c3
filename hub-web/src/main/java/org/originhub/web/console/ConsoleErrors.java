package org.originhub.web.console;

import jakarta.ejb.EJBException;
import jakarta.el.ELException;
import jakarta.faces.FacesException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.originhub.hub.audit.boundary.AuditAccessRefusedException;
import org.originhub.hub.audit.boundary.InvalidAuditQueryException;
import org.originhub.hub.exchange.boundary.ExchangeRefusedException;
import org.originhub.hub.messagelog.boundary.PayloadPurgedException;
import org.originhub.hub.messagelog.boundary.UnknownMessageException;
import org.originhub.hub.users.boundary.DuplicateUsernameException;
import org.originhub.hub.users.boundary.InvalidCredentialsException;
import org.originhub.hub.users.boundary.InvalidUserException;
import org.originhub.hub.users.boundary.LastAdministratorException;
import org.originhub.hub.users.boundary.LoginRefusedException;
import org.originhub.hub.users.boundary.PasswordRejectedException;
import org.originhub.hub.users.boundary.UnknownUserException;
import org.originhub.registry.errors.RegistryException;

/**
 * The console's one place that turns exceptions into what the user sees (faces-config.xml installs it): a refusal by a
 * boundary becomes an error message with the boundary's own text, on the same page; an expired view sends the browser
 * back to the page (or, when the session ended, to the login page); anything else is logged with a reference that
 * the message quotes, and never shows internal detail.
 */
public final class ConsoleErrors extends ExceptionHandlerWrapper {

    private static final Logger LOG = Logger.getLogger(ConsoleErrors.class.getName());

    ConsoleErrors(ExceptionHandler wrapped) {
        super(wrapped);
    }

    /** Installed from faces-config.xml. */
    public static final class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new ConsoleErrors(getWrapped().getExceptionHandler());
        }
    }

    @Override
    public void handle() {
        FacesContext faces = FacesContext.getCurrentInstance();
        for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
                events.hasNext();) {
            Throwable thrown = events.next().getContext().getException();
            if (faces == null || faces.getExternalContext().isResponseCommitted()) {
                continue; // too late to show anything: the wrapped handler logs it
            }
            events.remove();
            Throwable cause = cause(thrown);
            if (cause instanceof ViewExpiredException expired) {
                reload(faces, expired.getViewId());
                continue;
            }
            Optional<String> message = message(cause);
            if (message.isPresent()) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message.get(), null));
            } else {
                String reference = UUID.randomUUID().toString().substring(0, 8);
                LOG.log(Level.SEVERE, "console action failed, reference " + reference, thrown);
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                        "The hub could not do this (reference " + reference + " in the hub log)", null));
            }
            faces.validationFailed();
        }
        getWrapped().handle();
    }

    /** The text for a refusal a user can act on, or empty for a failure of the hub. */
    static Optional<String> message(Throwable cause) {
        if (cause instanceof RegistryException || cause instanceof InvalidUserException
                || cause instanceof PasswordRejectedException || cause instanceof DuplicateUsernameException
                || cause instanceof LastAdministratorException || cause instanceof UnknownUserException
                || cause instanceof LoginRefusedException || cause instanceof AuditAccessRefusedException
                || cause instanceof InvalidAuditQueryException || cause instanceof ConsoleForbiddenException
                || cause instanceof UnknownMessageException || cause instanceof PayloadPurgedException
                || cause instanceof ExchangeRefusedException) {
            return Optional.ofNullable(cause.getMessage());
        }
        if (cause instanceof InvalidCredentialsException) {
            return Optional.of("The current password is wrong");
        }
        return Optional.empty();
    }

    /** The exception under the wrappers Faces, EL and EJB put around it. */
    static Throwable cause(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof FacesException || cause instanceof ELException || cause instanceof EJBException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof EJBException ejb && ejb.getCausedByException() != null) {
            cause = ejb.getCausedByException();
        }
        return cause;
    }

    private static void reload(FacesContext faces, String viewId) {
        try {
            String path = viewId == null || ConsoleView.byPath(viewId).isEmpty() ? ConsoleView.LOGIN.path() : viewId;
            faces.getExternalContext().redirect(faces.getExternalContext().getRequestContextPath() + path);
            faces.responseComplete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
