package io.cupnet.internal.ack;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Slots taken against a limit, alone and as part of a larger count.
 */
class SlotCountTest {

    @Test
    void takesUpToTheLimitAndRefusesTheNext() {
        SlotCount slots = new SlotCount(3);

        for (int i = 0; i < 3; i++) {
            assertThat(slots.tryTake()).isNull();
        }

        assertThat(slots.tryTake()).isSameAs(slots);
        assertThat(slots.count()).isEqualTo(3);
    }

    @Test
    void aSlotGivenBackCanBeTakenAgain() {
        SlotCount slots = new SlotCount(2);
        slots.tryTake();
        slots.tryTake();

        slots.giveBack();

        assertThat(slots.tryTake()).isNull();
        assertThat(slots.tryTake()).isSameAs(slots);
    }

    @Test
    void staysExactOverManyTimesItsLimit() {
        SlotCount slots = new SlotCount(5);
        for (int round = 0; round < 1000; round++) {
            assertThat(slots.tryTake()).isNull();
            slots.giveBack();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(slots.tryTake()).isNull();
        }

        assertThat(slots.tryTake()).isSameAs(slots);
        assertThat(slots.count()).isEqualTo(5);
    }

    @Test
    void aPartTakesFromTheWholeAndNamesTheCountThatIsFull() {
        SlotCount whole = new SlotCount(3);
        SlotCount first = whole.part(2);
        SlotCount second = whole.part(2);

        assertThat(first.tryTake()).isNull();
        assertThat(first.tryTake()).isNull();
        assertThat(first.tryTake()).isSameAs(first);
        assertThat(second.tryTake()).isNull();
        assertThat(second.tryTake()).isSameAs(whole);

        assertThat(whole.count()).isEqualTo(3);
        assertThat(first.count()).isEqualTo(2);
        assertThat(second.count()).isEqualTo(1);
    }

    @Test
    void aPartGivesBackToTheWhole() {
        SlotCount whole = new SlotCount(1);
        SlotCount part = whole.part(5);
        part.tryTake();

        part.giveBack();

        assertThat(whole.count()).isZero();
        assertThat(whole.part(5).tryTake()).isNull();
    }

    @Test
    void concurrentTakersNeverHoldMoreThanTheLimit() throws InterruptedException {
        SlotCount slots = new SlotCount(2);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        Thread[] takers = new Thread[4];
        for (int t = 0; t < takers.length; t++) {
            takers[t] = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    if (slots.tryTake() == null) {
                        mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
                        held.decrementAndGet();
                        slots.giveBack();
                    }
                }
            });
            takers[t].start();
        }
        for (Thread taker : takers) {
            taker.join();
        }

        assertThat(mostHeld.get()).isBetween(1, 2);
        assertThat(slots.count()).isZero();
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SlotCount(0)).withMessageContaining("was 0");
    }

}
