package io.cupnet.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the sends and acks that have not finished yet, so that a drain can wait for zero.
 *
 * <p>Starts and finishes are two adders, so the application thread that starts a send and
 * the event loop that finishes it never write the same counter. A drain polls for zero.
 */
final class InFlight {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final LongAdder started = new LongAdder();

    private final LongAdder finished = new LongAdder();

    void increment() {
        this.started.increment();
    }

    void add(int count) {
        this.started.add(count);
    }

    void decrement() {
        this.finished.increment();
    }

    void finish(int count) {
        this.finished.add(count);
    }

    /** What is in flight; never below the true count, as finishes are read before starts. */
    int count() {
        long done = this.finished.sum();
        return (int) (this.started.sum() - done);
    }

    /** Waits until nothing is in flight or the deadline passes; returns whether it reached zero. */
    boolean awaitZero(long deadlineNanos) throws InterruptedException {
        while (count() > 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL_NANOS));
        }
        return true;
    }

}
