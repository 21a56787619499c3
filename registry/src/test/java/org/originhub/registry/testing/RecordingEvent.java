package org.originhub.registry.testing;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A CDI {@link Event} for tests outside the container, for every module's tests: records what was fired, in order,
 * and passes it, synchronously, to the observers the test registers (as the container would call {@code @Observes}
 * methods). A harness that commits or rolls back on its own reads {@link #fired} to see what a transactional observer
 * would have been told. Safe to fire from several threads.
 */
public class RecordingEvent<T> implements Event<T> {

    private final List<T> fired = new CopyOnWriteArrayList<>();
    private final List<Consumer<T>> observers = new CopyOnWriteArrayList<>();

    public RecordingEvent<T> observedBy(Consumer<T> observer) {
        observers.add(observer);
        return this;
    }

    /** What was fired so far, in order (a copy). */
    public List<T> fired() {
        return List.copyOf(fired);
    }

    /** What was fired so far of {@code type}, in order. */
    public <U extends T> List<U> of(Class<U> type) {
        return fired.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public void clear() {
        fired.clear();
    }

    @Override
    public void fire(T event) {
        fired.add(event);
        observers.forEach(o -> o.accept(event));
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event) {
        fire(event);
        return CompletableFuture.completedFuture(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        return fireAsync(event);
    }

    @Override
    public Event<T> select(Annotation... qualifiers) {
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        return (Event<U>) this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        return (Event<U>) this;
    }
}
