package org.originhub.hub.users.boundary;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Stands in for CDI's {@code Event} in tests without a container: keeps what was fired, in order. */
final class RecordedEvents implements Event<UserEvent> {

    private final List<UserEvent> fired = new ArrayList<>();

    @Override
    public void fire(UserEvent event) {
        fired.add(event);
    }

    List<UserEvent> all() {
        return List.copyOf(fired);
    }

    <T extends UserEvent> List<T> of(Class<T> type) {
        return fired.stream().filter(type::isInstance).map(type::cast).toList();
    }

    void clear() {
        fired.clear();
    }

    @Override
    public <U extends UserEvent> CompletionStage<U> fireAsync(U event) {
        throw new UnsupportedOperationException("user events are synchronous, inside the transaction");
    }

    @Override
    public <U extends UserEvent> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        throw new UnsupportedOperationException("user events are synchronous, inside the transaction");
    }

    @Override
    public Event<UserEvent> select(Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends UserEvent> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends UserEvent> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }
}
