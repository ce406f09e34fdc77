package io.cupnet.metrics;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TypeCountersTest {

    private final List<Integer> added = new ArrayList<>();

    private final TypeCounters counters = new TypeCounters(2, (counters, slot) -> this.added.add(slot));

    @Test
    void eachTypeGetsItsOwnSlotAndTheListenerHearsOfItOnce() {
        this.counters.increment(7, 0);
        this.counters.increment(7, 0);
        this.counters.increment(7, 1);
        this.counters.increment(65536, 0);

        assertThat(this.counters.typeCount()).isEqualTo(2);
        assertThat(this.counters.typeTag(0)).isEqualTo("7");
        assertThat(this.counters.typeTag(1)).isEqualTo("65536");
        assertThat(this.counters.count(0, 0)).isEqualTo(2);
        assertThat(this.counters.count(0, 1)).isEqualTo(1);
        assertThat(this.counters.count(1, 0)).isEqualTo(1);
        assertThat(this.counters.total(0)).isEqualTo(3);
        assertThat(this.added).containsExactly(0, 1);
    }

    @Test
    void typesBeyondTheCapShareTheOtherSlot() {
        for (int type = 0; type < TypeCounters.MAX_TYPES; type++) {
            this.counters.increment(type, 0);
        }
        this.counters.increment(5000, 0);
        this.counters.increment(100, 1);
        this.counters.increment(-1, 0);
        this.counters.increment(3, 0);

        assertThat(this.counters.typeCount()).isEqualTo(TypeCounters.MAX_TYPES);
        assertThat(this.counters.isOtherUsed()).isTrue();
        assertThat(this.counters.typeTag(TypeCounters.OTHER)).isEqualTo("other");
        assertThat(this.counters.count(TypeCounters.OTHER, 0)).isEqualTo(2);
        assertThat(this.counters.count(TypeCounters.OTHER, 1)).isEqualTo(1);
        assertThat(this.counters.count(3, 0)).isEqualTo(2);
        assertThat(this.added).hasSize(TypeCounters.MAX_TYPES + 1).endsWith(TypeCounters.OTHER);
    }

    @Test
    void negativeTypesAreTaggedUnsigned() {
        this.counters.increment(-1, 0);

        assertThat(this.counters.typeTag(0)).isEqualTo("4294967295");
    }

}
