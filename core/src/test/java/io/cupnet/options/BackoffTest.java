package io.cupnet.options;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Delays of the reconnect backoff: exponential growth, the cap, and jitter within its bounds.
 */
class BackoffTest {

    private static final long MS = 1_000_000L;

    @Test
    void withoutJitterDelaysDoubleUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), 2.0, 0.0);

        assertThat(backoff.delayNanos(1)).isEqualTo(100 * MS);
        assertThat(backoff.delayNanos(2)).isEqualTo(200 * MS);
        assertThat(backoff.delayNanos(3)).isEqualTo(400 * MS);
        assertThat(backoff.delayNanos(4)).isEqualTo(500 * MS);
        assertThat(backoff.delayNanos(1_000)).isEqualTo(500 * MS);
    }

    @Test
    void jitteredDelaysStayBetweenTheShortenedBaseAndTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.5);
        for (int failures = 1; failures <= 12; failures++) {
            long base = Math.min(100 * MS << (failures - 1), 1_000 * MS);
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delayNanos(failures)).isBetween(base / 2, 1_000 * MS);
            }
        }
    }

    @Test
    void jitterSpreadsTheDelays() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.5);

        long distinct = IntStream.range(0, 100).mapToLong((i) -> backoff.delayNanos(1)).distinct().count();

        assertThat(distinct).isGreaterThan(1);
    }

    @Test
    void maxBelowTheInitialDelayIsRefused() {
        assertThatExceptionOfType(InvalidOptionException.class)
            .isThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0, 0.2))
            .withMessageContaining("backoff.max");
    }

}
