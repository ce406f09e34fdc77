package io.cupnet.internal.transport;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the sends and acks that have not finished yet, so that a drain can wait for zero.
 *
 * <p>Starts and finishes are two counters 128 bytes apart, so the application thread that
 * starts a send and the event loop that finishes it never write the same cache line.
 * Finishing takes no lock; only while a drain waits does it signal the drain.
 */
public final class InFlight {

    private static final int STARTED = 16;

    private static final int FINISHED = 32;

    private final AtomicLongArray counts = new AtomicLongArray(FINISHED + 16);

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition changed = this.lock.newCondition();

    private volatile boolean awaited;

    void increment() {
        add(1);
    }

    public void add(int count) {
        this.counts.getAndAdd(STARTED, count);
    }

    void decrement() {
        finish(1);
    }

    public void finish(int count) {
        this.counts.getAndAdd(FINISHED, count);
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
    public int count() {
        long done = this.counts.get(FINISHED);
        return (int) (this.counts.get(STARTED) - done);
    }

    /** Waits until nothing is in flight or the deadline passes; returns whether it reached zero. */
    public boolean awaitZero(long deadlineNanos) throws InterruptedException {
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
