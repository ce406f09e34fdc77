package io.cupnet.internal.transport;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.cupnet.Lane;
import io.netty.util.internal.PlatformDependent;

/**
 * One peer's bounded send queue: an urgent lane served before the normal lane, FIFO
 * within each, and a lane of acks, whose entries are runs of them. Any thread adds; only
 * the peer's event loop takes.
 *
 * <p>Each lane is a lock-free queue for new frames, behind a loop-owned deque that holds
 * older frames: those put back after a lost connection and those moved there to be
 * filtered. Taking serves the deque first, so order is kept.
 *
 * <p>Capacity is counted in permits that {@code send} takes before adding a frame and
 * that are given back when the frame is taken for writing. Internal frames (acks,
 * need-ack resends, frames put back after a lost connection) take no permit, so they
 * can never be refused. Acks are CUP normal frames and are counted in the normal lane's size.
 */
public final class SendQueue {

    /** The smallest and largest first array of the normal lane's lock-free queue, in entries. */
    private static final int MIN_CHUNK = 16;

    private static final int MAX_CHUNK = 1024;

    /** The largest capacity a chunked lock-free queue takes: lanes never refuse an entry, permits bound them. */
    private static final int UNBOUNDED = 1 << 30;

    /**
     * Urgent frames are rare and one run of acks waits per handler batch or read, so these two lanes
     * link a node per entry: empty, each takes 48 bytes where a lock-free array queue takes about 680.
     */
    private final Lane<OutboundMessage> urgent = new Lane<>(new ConcurrentLinkedQueue<>());

    private final Lane<OutboundMessage> normal;

    private final Lane<OutboundAcks> acks = new Lane<>(new ConcurrentLinkedQueue<>());

    /** Acks in {@link #acks}: the lane holds runs of them. */
    private final AtomicInteger ackCount = new AtomicInteger();

    private final Semaphore permits;

    SendQueue(int capacity) {
        this.permits = new Semaphore(capacity);
        this.normal = new Lane<>(PlatformDependent.newMpscQueue(firstChunk(capacity), UNBOUNDED));
    }

    /**
     * The normal lane's first array: a power of two that holds the permitted frames, so that traffic within
     * the capacity links no further array, and no larger, so that an idle peer stays small: at CUP's
     * capacity of 200 it takes 256 references (1 KB), where Netty's default array of 1024 takes 4 KB.
     */
    static int firstChunk(int capacity) {
        int atLeast = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, capacity));
        return Integer.highestOneBit(atLeast - 1) << 1;
    }

    /** Takes a permit for one frame if one is free now. */
    public boolean tryReserve() {
        return this.permits.tryAcquire();
    }

    /** Takes a permit for one frame, waiting up to {@code wait} for one to free up. */
    public boolean reserve(Duration wait) throws InterruptedException {
        return this.permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Gives back a permit taken for a frame that was then not queued. */
    public void release() {
        this.permits.release();
    }

    /** Gives back the permits of frames taken for writing. */
    void release(int count) {
        if (count > 0) {
            this.permits.release(count);
        }
    }

    /** Adds a frame; safe from any thread. */
    void add(OutboundMessage message) {
        laneOf(message).incoming.offer(message);
    }

    /** Puts frames whose write failed back at the head of their lanes, keeping their order; on the event loop. */
    void addFirst(List<OutboundMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            OutboundMessage message = messages.get(i);
            laneOf(message).held.addFirst(message);
        }
    }

    /** Adds the acks of received frames; safe from any thread. */
    void addAcks(OutboundAcks run) {
        this.ackCount.addAndGet(run.count());
        this.acks.incoming.offer(run);
    }

    /** Puts acks whose write failed back at the head of their lane, keeping their order; on the event loop. */
    void addAcksFirst(List<OutboundAcks> runs) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            OutboundAcks run = runs.get(i);
            this.ackCount.addAndGet(run.count());
            this.acks.held.addFirst(run);
        }
    }

    /** Takes the next run of acks, on the event loop. */
    OutboundAcks pollAcks() {
        OutboundAcks run = this.acks.poll();
        if (run != null) {
            this.ackCount.addAndGet(-run.count());
        }
        return run;
    }

    /**
     * Drops the oldest acks until at most {@code max} wait, splitting a run when needed; on the event loop.
     * Returns how many were dropped.
     */
    int dropOldestAcks(int max) {
        int dropped = 0;
        int excess;
        while ((excess = this.ackCount.get() - max) > 0) {
            OutboundAcks oldest = this.acks.peek();
            if (oldest == null) {
                break;
            }
            int count = Math.min(excess, oldest.count());
            if (count == oldest.count()) {
                this.acks.poll();
            }
            else {
                oldest.dropOldest(count);
            }
            this.ackCount.addAndGet(-count);
            dropped += count;
        }
        return dropped;
    }

    /** Acks waiting; exact on the event loop, an estimate elsewhere. */
    int ackCount() {
        return this.ackCount.get();
    }

    /** Whether acks wait; exact on the event loop. */
    boolean hasAcks() {
        return !this.acks.isEmpty();
    }

    /** Removes and returns the runs of acks that match; on the event loop or after it stopped. */
    List<OutboundAcks> removeAcksIf(Predicate<OutboundAcks> condition) {
        List<OutboundAcks> removed = new ArrayList<>();
        this.acks.removeIf(condition, removed);
        for (OutboundAcks run : removed) {
            this.ackCount.addAndGet(-run.count());
        }
        return removed;
    }

    /** Takes the next frame, urgent first, on the event loop; the caller gives its permit back with {@link #release(int)}. */
    OutboundMessage poll() {
        OutboundMessage message = this.urgent.poll();
        return (message != null) ? message : this.normal.poll();
    }

    /** Removes and returns the frames that match, giving back their permits; on the event loop or after it stopped. */
    List<OutboundMessage> removeIf(Predicate<OutboundMessage> condition) {
        List<OutboundMessage> removed = new ArrayList<>();
        this.urgent.removeIf(condition, removed);
        this.normal.removeIf(condition, removed);
        for (OutboundMessage message : removed) {
            if (message.holdsPermit()) {
                this.permits.release();
            }
        }
        return removed;
    }

    /** Whether no frame or ack waits; exact on the event loop. */
    boolean isEmpty() {
        return this.urgent.isEmpty() && this.normal.isEmpty() && this.acks.isEmpty();
    }

    /** Frames waiting, acks included; exact on the event loop, an estimate elsewhere. */
    int size() {
        return urgentSize() + normalSize();
    }

    int urgentSize() {
        return this.urgent.size();
    }

    /** Normal frames waiting, acks included. */
    int normalSize() {
        return this.normal.size() + this.ackCount.get();
    }

    private Lane<OutboundMessage> laneOf(OutboundMessage message) {
        return message.message().isUrgent() ? this.urgent : this.normal;
    }

    /** One lane: new entries from any thread, and the older entries the event loop holds. */
    private static final class Lane<T> {

        private final Queue<T> incoming;

        /** Rarely used, so it starts with room for one entry rather than the default 16. */
        private final ArrayDeque<T> held = new ArrayDeque<>(1);

        Lane(Queue<T> incoming) {
            this.incoming = incoming;
        }

        T poll() {
            T entry = this.held.pollFirst();
            return (entry != null) ? entry : this.incoming.poll();
        }

        T peek() {
            T entry = this.held.peekFirst();
            return (entry != null) ? entry : this.incoming.peek();
        }

        void removeIf(Predicate<T> condition, List<T> removed) {
            T entry;
            while ((entry = this.incoming.poll()) != null) {
                this.held.addLast(entry);
            }
            for (Iterator<T> it = this.held.iterator(); it.hasNext();) {
                entry = it.next();
                if (condition.test(entry)) {
                    it.remove();
                    removed.add(entry);
                }
            }
        }

        boolean isEmpty() {
            return this.held.isEmpty() && this.incoming.isEmpty();
        }

        int size() {
            return this.held.size() + this.incoming.size();
        }

    }

}
