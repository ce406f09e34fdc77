package io.cupnet.transport;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the sends and acks that have not finished yet, so that a drain can wait for zero.
 *
 * <p>Starts and finishes are two adders, so the application thread that starts a send and
 * the event loop that finishes it never write the same counter. Finishing takes no lock;
 * only while a drain waits does it signal the drain.
 */
final class InFlight {

    private final LongAdder started = new LongAdder();

    private final LongAdder finished = new LongAdder();

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition changed = this.lock.newCondition();

    private volatile boolean awaited;

    void increment() {
        this.started.increment();
    }

    void add(int count) {
        this.started.add(count);
    }

    void decrement() {
        finish(1);
    }

    void finish(int count) {
        this.finished.add(count);
        if (this.awaited) {
            this.lock.lock();
            try {
                this.changed.signalAll();
            }
            finally {
                this.lock.unlock();
            }
        }
    }

    /** What is in flight; never below the true count, as finishes are read before starts. */
    int count() {
        long done = this.finished.sum();
        return (int) (this.started.sum() - done);
    }

    /** Waits until nothing is in flight or the deadline passes; returns whether it reached zero. */
    boolean awaitZero(long deadlineNanos) throws InterruptedException {
        this.lock.lock();
        try {
            this.awaited = true;
            long left;
            while (count() > 0 && (left = deadlineNanos - System.nanoTime()) > 0) {
                this.changed.awaitNanos(left);
            }
            return count() == 0;
        }
        finally {
            this.lock.unlock();
        }
    }

}
