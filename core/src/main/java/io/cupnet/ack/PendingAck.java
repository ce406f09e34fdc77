package io.cupnet.ack;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.cupnet.wire.CupMessage;

/**
 * A need-ack message waiting for its ack: the frame to resend, its deadline and the
 * future that completes exactly once.
 */
public final class PendingAck {

    private final AckKey key;

    private final CupMessage message;

    private final CompletableFuture<DeliveryResult> future;

    private final long sentAtNanos;

    private final long deadlineNanos;

    private final AtomicInteger attempts = new AtomicInteger();

    private final AtomicBoolean queued = new AtomicBoolean(true);

    /** The peer's pending-ack slots, one of which this message holds; {@code null} when unlimited. */
    private final SlotCount peerSlots;

    /** When the sweep next resends or times out this entry; set before it is pending, then only by the sweep. */
    private long nextCheckNanos;

    PendingAck(AckKey key, CupMessage message, CompletableFuture<DeliveryResult> future, long sentAtNanos,
            long deadlineNanos, SlotCount peerSlots) {
        this.peerSlots = peerSlots;
        this.key = key;
        this.message = message;
        this.future = future;
        this.sentAtNanos = sentAtNanos;
        this.deadlineNanos = deadlineNanos;
    }

    public AckKey key() {
        return this.key;
    }

    public CupMessage message() {
        return this.message;
    }

    public CompletableFuture<DeliveryResult> future() {
        return this.future;
    }

    public long sentAtNanos() {
        return this.sentAtNanos;
    }

    public long deadlineNanos() {
        return this.deadlineNanos;
    }

    public int attempts() {
        return this.attempts.get();
    }

    /** Whether the ack came or the message failed; a queued copy is then not written. */
    public boolean isDone() {
        return this.future.isDone();
    }

    /** Records that the frame is being written: a later retry may queue it again. */
    public void onWriting() {
        this.attempts.incrementAndGet();
        this.queued.set(false);
    }

    /** Claims the right to queue a resend; false when a copy is already waiting in a send queue. */
    public boolean claimQueueSlot() {
        return this.queued.compareAndSet(false, true);
    }

    /** Gives back the peer's slot; called once, by whoever removed this entry from the tracker. */
    void releaseSlot() {
        if (this.peerSlots != null) {
            this.peerSlots.giveBack();
        }
    }

    long nextCheckNanos() {
        return this.nextCheckNanos;
    }

    void nextCheckNanos(long nanos) {
        this.nextCheckNanos = nanos;
    }

}
