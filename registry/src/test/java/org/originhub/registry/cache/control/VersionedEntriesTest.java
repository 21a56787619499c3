package org.originhub.registry.cache.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.originhub.registry.cache.control.VersionedEntries.Generation;

/** Entries hold for the version they were read at, and only for it. */
class VersionedEntriesTest {

    private final AtomicInteger loads = new AtomicInteger();

    private Supplier<String> loader(String value) {
        return () -> {
            loads.incrementAndGet();
            return value;
        };
    }

    @Test
    void theSameVersionServesWhatWasLoadedOnce() {
        VersionedEntries entries = new VersionedEntries(10);

        assertThat(entries.at(7).get("gateway 1", loader("first"))).isEqualTo("first");
        assertThat(entries.at(7).get("gateway 1", loader("second"))).isEqualTo("first");

        assertThat(loads).hasValue(1);
        assertThat(entries.at(7)).isSameAs(entries.at(7));
    }

    @Test
    void anotherVersionStartsEmptyAndTheOldGenerationIsNotServedAgain() {
        VersionedEntries entries = new VersionedEntries(10);
        entries.at(7).get("gateway 1", loader("at 7"));

        Generation later = entries.at(8);

        assertThat(later.size()).isZero();
        assertThat(later.get("gateway 1", loader("at 8"))).isEqualTo("at 8");
        assertThat(entries.at(8).get("gateway 1", loader("again"))).isEqualTo("at 8");
        assertThat(entries.at(7).get("gateway 1", loader("at 7 again")))
                .as("a caller that read the older version loads afresh").isEqualTo("at 7 again");
        assertThat(loads).hasValue(3);
    }

    @Test
    void clearingDropsEverythingEvenForTheSameVersion() {
        VersionedEntries entries = new VersionedEntries(10);
        entries.at(7).get("member KE", loader("active"));

        entries.clear();

        assertThat(entries.at(7).size()).isZero();
        assertThat(entries.at(7).get("member KE", loader("suspended"))).isEqualTo("suspended");
    }

    @Test
    void aFullGenerationLoadsWithoutKeeping() {
        VersionedEntries entries = new VersionedEntries(2);
        Generation generation = entries.at(1);
        generation.get("a", loader("a"));
        generation.get("b", loader("b"));

        assertThat(generation.get("c", loader("c"))).isEqualTo("c");
        assertThat(generation.get("c", loader("c"))).isEqualTo("c");

        assertThat(generation.size()).isEqualTo(2);
        assertThat(loads).hasValue(4);
    }

    @Test
    void absenceIsKeptAsAnEmptyOptionalAndNullIsRefused() {
        Generation generation = new VersionedEntries(10).at(1);

        assertThat(generation.get("unknown", () -> Optional.empty())).isEmpty();
        assertThat(generation.get("unknown", () -> Optional.of("loaded again"))).isEmpty();
        assertThatThrownBy(() -> generation.get("broken", () -> null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new VersionedEntries(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
