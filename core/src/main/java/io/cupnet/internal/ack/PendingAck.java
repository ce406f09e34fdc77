package io.cupnet.internal.ack;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;

/**
 * A need-ack message waiting for its ack: the frame to resend, its deadline and the
 * future that completes exactly once.
 */
public final class PendingAck {

    private static final VarHandle ATTEMPTS;

    private static final VarHandle QUEUE_FREE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ATTEMPTS = lookup.findVarHandle(PendingAck.class, "attempts", int.class);
            QUEUE_FREE = lookup.findVarHandle(PendingAck.class, "queueFree", boolean.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** The uniq id, with {@link #to}: what an ack matches, without a key object. */
    private final long uniqIdHigh;

    private final long uniqIdLow;

    private final CupMessage message;

    private final PeerAddress to;

    private final CompletableFuture<DeliveryResult> future;

    private final long sentAtNanos;

    private final long deadlineNanos;

    /** Writes started, through {@link #ATTEMPTS}: fields rather than atomic objects, so that an ack reads fewer objects. */
    private volatile int attempts;

    /** Whether no copy waits in a send queue, through {@link #QUEUE_FREE}; false at first, while the first copy waits. */
    private volatile boolean queueFree;

    /** The peer's pending-ack slots, one of which this message holds; {@code null} when unlimited. */
    private final SlotCount peerSlots;

    /** When the sweep next resends or times out this entry; set before it is pending, then only by the sweep. */
    private long nextCheckNanos;

    PendingAck(CupMessage message, CompletableFuture<DeliveryResult> future, long sentAtNanos, long deadlineNanos,
            SlotCount peerSlots) {
        this.peerSlots = peerSlots;
        this.to = message.to();
        this.uniqIdHigh = message.uniqIdHigh();
        this.uniqIdLow = message.uniqIdLow();
        this.message = message;
        this.future = future;
        this.sentAtNanos = sentAtNanos;
        this.deadlineNanos = deadlineNanos;
    }

    /** The key of this entry in a map; made on each call, so the ring's paths use the fields instead. */
    public AckKey key() {
        return new AckKey(this.to.endpointKey(), this.uniqIdHigh, this.uniqIdLow);
    }

    /** Whether {@code other} waits for the same peer and uniq id. */
    boolean sameKey(PendingAck other) {
        return this.uniqIdLow == other.uniqIdLow && this.uniqIdHigh == other.uniqIdHigh
                && this.to.sameEndpoint(other.to);
    }

    /** Whether {@code ack} answers this message: it comes from this message's peer with its uniq id. */
    boolean isAnsweredBy(CupMessage ack) {
        return this.uniqIdLow == ack.uniqIdLow() && this.uniqIdHigh == ack.uniqIdHigh()
                && this.to.sameEndpoint(ack.from());
    }

    long uniqIdLow() {
        return this.uniqIdLow;
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
        return this.attempts;
    }

    /** The message's {@code to}, kept here so that an ack completes the future without reading the message. */
    public PeerAddress to() {
        return this.to;
    }

    /** The message's uniq id, from this entry's fields rather than the message. */
    public UniqId uniqId() {
        return new UniqId(this.uniqIdHigh, this.uniqIdLow);
    }

    /** Whether the ack came or the message failed; a queued copy is then not written. */
    public boolean isDone() {
        return this.future.isDone();
    }

    /** Records that the frame is being written: a later retry may queue it again. */
    public void onWriting() {
        ATTEMPTS.getAndAdd(this, 1);
        QUEUE_FREE.setRelease(this, true);
    }

    /** Claims the right to queue a resend; false when a copy is already waiting in a send queue. */
    public boolean claimQueueSlot() {
        return QUEUE_FREE.compareAndSet(this, true, false);
    }

    /**
     * The peer's slots, one of which this entry holds, given back once by whoever removed it from the
     * tracker; {@code null} when unlimited.
     */
    SlotCount peerSlots() {
        return this.peerSlots;
    }

    long nextCheckNanos() {
        return this.nextCheckNanos;
    }

    void nextCheckNanos(long nanos) {
        this.nextCheckNanos = nanos;
    }

}
