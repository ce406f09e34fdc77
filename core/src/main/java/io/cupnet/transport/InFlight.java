package io.cupnet.transport;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the sends whose futures have not completed, so that a drain can wait for zero.
 * Counting takes no lock; only a drain that waits does.
 */
final class InFlight {

    private final AtomicInteger count = new AtomicInteger();

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition zero = this.lock.newCondition();

    private volatile boolean awaited;

    void increment() {
        this.count.incrementAndGet();
    }

    void decrement() {
        if (this.count.decrementAndGet() == 0 && this.awaited) {
            this.lock.lock();
            try {
                this.zero.signalAll();
            }
            finally {
                this.lock.unlock();
            }
        }
    }

    int count() {
        return this.count.get();
    }

    /** Waits until nothing is in flight or the deadline passes; returns whether it reached zero. */
    boolean awaitZero(long deadlineNanos) throws InterruptedException {
        this.lock.lock();
        try {
            this.awaited = true;
            long left;
            while (this.count.get() > 0 && (left = deadlineNanos - System.nanoTime()) > 0) {
                this.zero.awaitNanos(left);
            }
            return this.count.get() == 0;
        }
        finally {
            this.lock.unlock();
        }
    }

}
