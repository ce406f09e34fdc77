package io.cupnet.options;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static io.cupnet.options.InvalidOptionException.check;

/**
 * Exponential backoff with jitter between attempts to connect to a peer.
 *
 * <p>After {@code n} consecutive failures the next attempt waits
 * {@code min(initial * multiplier^(n-1), max)}, shortened or lengthened at random by up to
 * {@code jitter} of itself and never longer than {@code max}: so every delay lies between
 * {@code (1 - jitter) * min(initial * multiplier^(n-1), max)} and {@code max}.
 *
 * @param initial delay before the first reconnect attempt
 * @param max largest delay
 * @param multiplier factor applied to the delay after each failed attempt
 * @param jitter fraction (0 to 1) by which each delay is randomly shortened or lengthened
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

    public Backoff {
        check(initial != null && !initial.isNegative() && !initial.isZero(), "connect.backoff.initial", initial,
                "a positive duration");
        check(max != null && max.compareTo(initial) >= 0, "connect.backoff.max", max,
                "at least the initial delay " + initial);
        check(multiplier >= 1.0, "connect.backoff.multiplier", multiplier, "at least 1");
        check(jitter >= 0.0 && jitter <= 1.0, "connect.backoff.jitter", jitter, "between 0 and 1");
    }

    /** 100 ms, doubling up to 10 s, with 20 % jitter. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 2.0, 0.2);
    }

    /**
     * The delay before attempt number {@code failures + 1}.
     * @param failures consecutive failed attempts so far (1 after the first failure)
     * @return the delay in nanoseconds, jitter applied, at most {@link #max()}
     */
    public long delayNanos(int failures) {
        double base = this.initial.toNanos() * Math.pow(this.multiplier, Math.max(0, failures - 1));
        double capped = Math.min(base, this.max.toNanos());
        double spread = capped * this.jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return (long) Math.max(0, Math.min(capped + spread, this.max.toNanos()));
    }

}
