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

    private final long firstWriteDeadlineNanos;

    /** The value of {@link #attempts} once the message was given up before its first write. */
    private static final int ABANDONED = -1;

    /**
     * Writes started, through {@link #ATTEMPTS}: fields rather than atomic objects, so that an ack reads fewer
     * objects; {@link #ABANDONED} once given up unwritten, after which no write starts.
     */
    private volatile int attempts;

    /** Whether no copy waits in a send queue, through {@link #QUEUE_FREE}; false at first, while the first copy waits. */
    private volatile boolean queueFree;

    /** The peer's pending-ack slots, one of which this message holds; {@code null} when unlimited. */
    private final SlotCount peerSlots;

    /** When the sweep next resends or times out this entry; set before it is pending, then only by the sweep. */
    private long nextCheckNanos;

    PendingAck(CupMessage message, CompletableFuture<DeliveryResult> future, long sentAtNanos, long deadlineNanos,
            SlotCount peerSlots) {
        this(message, future, sentAtNanos, deadlineNanos, deadlineNanos, peerSlots);
    }

    PendingAck(CupMessage message, CompletableFuture<DeliveryResult> future, long sentAtNanos, long deadlineNanos,
            long firstWriteDeadlineNanos, SlotCount peerSlots) {
        this.firstWriteDeadlineNanos = firstWriteDeadlineNanos;
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

    /**
     * {@link System#nanoTime()} by which the first write must have started: past it, a message never written
     * fails with {@code PEER_UNREACHABLE}; never later than {@link #deadlineNanos()}.
     */
    public long firstWriteDeadlineNanos() {
        return this.firstWriteDeadlineNanos;
    }

    /** Writes started so far. */
    public int attempts() {
        return Math.max(0, this.attempts);
    }

    /** Whether no write has started yet. */
    boolean isUnwritten() {
        return this.attempts <= 0;
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

    /**
     * Records that the frame is being written, so that a later retry may queue it again; false, and nothing is
     * recorded, when the message was given up before its first write (see {@link #abandonUnwritten()}): then it
     * must not be written.
     */
    public boolean onWriting() {
        int current;
        do {
            current = this.attempts;
            if (current == ABANDONED) {
                return false;
            }
        }
        while (!ATTEMPTS.compareAndSet(this, current, current + 1));
        QUEUE_FREE.setRelease(this, true);
        return true;
    }

    /**
     * Gives the message up if no write has started, so that none will: "never written" then stays true.
     * @return whether it was unwritten and is now given up
     */
    boolean abandonUnwritten() {
        return ATTEMPTS.compareAndSet(this, 0, ABANDONED);
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
