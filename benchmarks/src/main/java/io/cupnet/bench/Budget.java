package io.cupnet.bench;

import java.time.Duration;

/**
 * How long one round runs: until a number of messages has been counted, or for a duration.
 *
 * @param messages messages to count, or 0 when the round is timed
 * @param time the round's length when {@code messages} is 0
 */
public record Budget(long messages, Duration time) {

    /** A round that ends when {@code messages} have been counted. */
    public static Budget ofMessages(long messages) {
        return new Budget(messages, Duration.ZERO);
    }

    /** A round that lasts {@code time}. */
    public static Budget ofTime(Duration time) {
        return new Budget(0, time);
    }

    /** Whether the round is bounded by a message count rather than by time. */
    public boolean counted() {
        return this.messages > 0;
    }

    /** The most messages a sender may send in this round. */
    public long sendLimit() {
        return counted() ? this.messages : Long.MAX_VALUE;
    }

    /** Whether a round that started at {@code startNanos} and has counted {@code count} is over. */
    public boolean isOver(long startNanos, long count) {
        return counted() ? count >= this.messages : System.nanoTime() - startNanos >= this.time.toNanos();
    }

}
