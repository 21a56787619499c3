package org.originhub.hub.exchange;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.Iterator;
import java.util.List;

/** CDI's {@code Instance} holding one bean or none, as the container resolves an optional dependency. */
final class FixedInstance<T> implements Instance<T> {

    private final T bean;

    FixedInstance(T bean) {
        this.bean = bean;
    }

    @Override
    public T get() {
        if (bean == null) {
            throw new jakarta.enterprise.inject.UnsatisfiedResolutionException("no bean");
        }
        return bean;
    }

    @Override
    public Iterator<T> iterator() {
        return bean == null ? List.<T>of().iterator() : List.of(bean).iterator();
    }

    @Override
    public Instance<T> select(Annotation... qualifiers) {
        return this;
    }

    @Override
    public <U extends T> Instance<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends T> Instance<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isUnsatisfied() {
        return bean == null;
    }

    @Override
    public boolean isAmbiguous() {
        return false;
    }

    @Override
    public void destroy(T instance) {
        // nothing to destroy
    }

    @Override
    public Handle<T> getHandle() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Iterable<? extends Handle<T>> handles() {
        throw new UnsupportedOperationException();
    }
}
