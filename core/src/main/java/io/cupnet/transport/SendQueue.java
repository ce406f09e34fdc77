package io.cupnet.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One peer's bounded send queue: an urgent lane served before the normal lane, FIFO
 * within each. Any thread adds; the peer's event loop takes.
 *
 * <p>Capacity is counted in permits that {@code send} takes before adding a frame and
 * that are given back when the frame is taken for writing. Internal frames (acks,
 * need-ack resends, frames put back after a lost connection) take no permit, so they
 * can never be refused.
 */
final class SendQueue {

    private final ConcurrentLinkedDeque<OutboundMessage> urgent = new ConcurrentLinkedDeque<>();

    private final ConcurrentLinkedDeque<OutboundMessage> normal = new ConcurrentLinkedDeque<>();

    private final AtomicInteger urgentSize = new AtomicInteger();

    private final AtomicInteger normalSize = new AtomicInteger();

    private final Semaphore permits;

    SendQueue(int capacity) {
        this.permits = new Semaphore(capacity);
    }

    /** Takes a permit for one frame if one is free now. */
    boolean tryReserve() {
        return this.permits.tryAcquire();
    }

    /** Takes a permit for one frame, waiting up to {@code wait} for one to free up. */
    boolean reserve(Duration wait) throws InterruptedException {
        return this.permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Gives back a permit taken for a frame that was then not queued. */
    void release() {
        this.permits.release();
    }

    /** Gives back the permits of frames taken for writing. */
    void release(int count) {
        if (count > 0) {
            this.permits.release(count);
        }
    }

    void add(OutboundMessage message) {
        if (message.message().isUrgent()) {
            this.urgentSize.incrementAndGet();
            this.urgent.addLast(message);
        }
        else {
            this.normalSize.incrementAndGet();
            this.normal.addLast(message);
        }
    }

    /** Puts frames whose write failed back at the head of their lanes, keeping their order. */
    void addFirst(List<OutboundMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            OutboundMessage message = messages.get(i);
            if (message.message().isUrgent()) {
                this.urgentSize.incrementAndGet();
                this.urgent.addFirst(message);
            }
            else {
                this.normalSize.incrementAndGet();
                this.normal.addFirst(message);
            }
        }
    }

    /** Takes the next frame, urgent first; the caller gives its permit back with {@link #release(int)}. */
    OutboundMessage poll() {
        OutboundMessage message = this.urgent.pollFirst();
        if (message != null) {
            this.urgentSize.decrementAndGet();
        }
        else {
            message = this.normal.pollFirst();
            if (message == null) {
                return null;
            }
            this.normalSize.decrementAndGet();
        }
        return message;
    }

    /** Removes and returns the frames that match, giving back their permits; only on the peer's event loop. */
    List<OutboundMessage> removeIf(Predicate<OutboundMessage> condition) {
        List<OutboundMessage> removed = new ArrayList<>();
        removeIf(this.urgent, this.urgentSize, condition, removed);
        removeIf(this.normal, this.normalSize, condition, removed);
        return removed;
    }

    boolean isEmpty() {
        return this.urgent.isEmpty() && this.normal.isEmpty();
    }

    int size() {
        return this.urgentSize.get() + this.normalSize.get();
    }

    int urgentSize() {
        return this.urgentSize.get();
    }

    int normalSize() {
        return this.normalSize.get();
    }

    private void removeIf(ConcurrentLinkedDeque<OutboundMessage> lane, AtomicInteger size,
            Predicate<OutboundMessage> condition, List<OutboundMessage> removed) {
        for (Iterator<OutboundMessage> it = lane.iterator(); it.hasNext();) {
            OutboundMessage message = it.next();
            if (condition.test(message)) {
                it.remove();
                size.decrementAndGet();
                if (message.holdsPermit()) {
                    this.permits.release();
                }
                removed.add(message);
            }
        }
    }

}
