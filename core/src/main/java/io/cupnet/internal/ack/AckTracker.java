package io.cupnet.internal.ack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryException.Reason;
import io.cupnet.DeliveryException;
import io.cupnet.DeliveryResult;
import io.cupnet.metrics.CupnetStats.Received;
import io.cupnet.metrics.CupnetStats;
import io.cupnet.metrics.TypeRuns;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks need-ack messages until their ack arrives or their total timeout passes,
 * resending each one every retry interval.
 *
 * <p>Each entry completes exactly once: whoever removes it from the pending set completes it
 * (remove-then-complete), so an ack racing a timeout or a shutdown cannot complete
 * a future twice.
 *
 * <p>No timer is armed per message, so an ack costs one compare-and-set on a ring slot
 * (or one map removal, for an entry whose slot was taken): a sweep on the timer thread
 * visits the pending entries once per tick (a tenth of the retry interval, between 1 and
 * 100 ms) and resends or times out those that are due. Retries and timeouts therefore
 * fire up to one tick late.
 *
 * <p>A message whose first write has not started by its first-write deadline (the earlier of the delivery
 * timeout and the ack timeout) is given up, so that it is never written, and fails with what the
 * {@code unwritten} function makes of it ({@code PEER_UNREACHABLE} with the last connect error): it never reached
 * the peer, which an {@code ACK_TIMEOUT} could not tell.
 */
public final class AckTracker {

    private static final Logger logger = LoggerFactory.getLogger(AckTracker.class);

    private final PendingAcks pending = new PendingAcks();

    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Timer timer;

    private final long retryIntervalNanos;

    private final long totalTimeoutNanos;

    private final long firstWriteTimeoutNanos;

    private final Function<PendingAck, DeliveryException> unwritten;

    private final Consumer<PendingAck> resender;

    private final CupnetStats stats;

    private final long tickNanos;

    /** The sweep armed next, cancelled by {@link #close()}. */
    private volatile Timeout nextSweep;

    private volatile boolean closed;

    /**
     * @param timer the timer wheel that fires retries and timeouts
     * @param retryInterval time between two writes of the same frame
     * @param totalTimeout time after the first send when the message fails with {@link Reason#ACK_TIMEOUT}
     * @param resender queues a pending message for writing again on its peer's current connection
     * @param stats counters for retries, timeouts and unmatched acks
     */
    public AckTracker(Timer timer, Duration retryInterval, Duration totalTimeout, Consumer<PendingAck> resender,
            CupnetStats stats) {
        this(timer, retryInterval, totalTimeout, totalTimeout, resender, AckTracker::neverWritten, stats);
    }

    /**
     * A tracker that also gives up messages not written by their first-write deadline.
     * @param timer the timer wheel that fires retries and timeouts
     * @param retryInterval time between two writes of the same frame
     * @param totalTimeout time after the first send when the message fails with {@link Reason#ACK_TIMEOUT}
     * @param firstWriteTimeout time after the first send when a message never written is given up; capped at
     * {@code totalTimeout}
     * @param resender queues a pending message for writing again on its peer's current connection
     * @param unwritten the failure of a message given up before its first write, made once it left the tracker
     * @param stats counters for retries, timeouts and unmatched acks
     */
    public AckTracker(Timer timer, Duration retryInterval, Duration totalTimeout, Duration firstWriteTimeout,
            Consumer<PendingAck> resender, Function<PendingAck, DeliveryException> unwritten, CupnetStats stats) {
        this.timer = timer;
        this.retryIntervalNanos = retryInterval.toNanos();
        this.totalTimeoutNanos = totalTimeout.toNanos();
        this.firstWriteTimeoutNanos = Math.min(firstWriteTimeout.toNanos(), this.totalTimeoutNanos);
        this.unwritten = unwritten;
        this.resender = resender;
        this.stats = stats;
        this.tickNanos = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, this.retryIntervalNanos / 10));
        armSweep();
    }

    /**
     * Starts tracking a need-ack message that is about to be queued for its first write.
     * @param future the future to complete once: acked, timed out or failed
     * @throws IllegalStateException if a message with the same peer and uniq id is already pending
     */
    public PendingAck register(CupMessage message, CompletableFuture<DeliveryResult> future) {
        return register(message, future, null);
    }

    /**
     * Starts tracking a need-ack message that holds one of its peer's pending-ack slots,
     * given back when it stops being pending.
     * @param peerSlots the peer's slots, one of them already taken for this message, or {@code null}
     * @throws IllegalStateException if a message with the same peer and uniq id is already pending
     */
    public PendingAck register(CupMessage message, CompletableFuture<DeliveryResult> future, SlotCount peerSlots) {
        long now = System.nanoTime();
        PendingAck entry = new PendingAck(message, future, now, now + this.totalTimeoutNanos,
                now + this.firstWriteTimeoutNanos, peerSlots);
        entry.nextCheckNanos(now + Math.min(this.retryIntervalNanos, this.firstWriteTimeoutNanos));
        if (!this.pending.add(entry)) {
            throw new IllegalStateException("Message " + message.uniqId() + " to " + message.to()
                    + " is already waiting for an ack; uniq ids must be unique per peer");
        }
        return entry;
    }

    /**
     * Completes the pending message that an incoming ack frame answers, as {@link #onAcks(List)} does.
     * @return whether the ack matched a pending message
     */
    public boolean onAck(CupMessage ack) {
        return onAcks(List.of(ack)) == 1;
    }

    /**
     * Completes the pending messages that the ack frames of one read answer, and counts the acks
     * received by type, accepted or unmatched. Every answered message gives back its slot before
     * any future completes, so that a callback may send again at once; the slots of one peer are
     * given back together, so that a batch writes its counters once.
     * @return how many acks matched a pending message
     */
    public int onAcks(List<CupMessage> acks) {
        List<PendingAck> answered = new ArrayList<>(acks.size());
        TypeRuns accepted = this.stats.receivedRuns(Received.ACCEPTED);
        for (int i = 0; i < acks.size(); i++) {
            CupMessage ack = acks.get(i);
            PendingAck entry = this.pending.remove(ack);
            if (entry == null) {
                onUnmatched(ack);
                continue;
            }
            answered.add(entry);
            accepted.count(ack.type());
        }
        accepted.flush();
        if (!answered.isEmpty()) {
            this.stats.ackMatched().add(answered.size());
        }
        releaseSlots(answered);
        long now = this.stats.isTimed() ? System.nanoTime() : 0;
        for (int i = 0; i < answered.size(); i++) {
            complete(answered.get(i), now);
        }
        return answered.size();
    }

    private void onUnmatched(CupMessage ack) {
        this.stats.ackUnmatched().increment();
        this.stats.messageReceived(ack.type(), Received.UNMATCHED);
        logger.debug("Ignoring ack {} from {}: no message is waiting for it", ack.uniqId(), ack.from());
    }

    /** Gives back the slots of removed entries, one write per run of entries of the same peer. */
    private static void releaseSlots(List<PendingAck> entries) {
        SlotCount run = null;
        int runLength = 0;
        for (int i = 0; i < entries.size(); i++) {
            SlotCount slots = entries.get(i).peerSlots();
            if (slots != run) {
                giveBack(run, runLength);
                run = slots;
                runLength = 0;
            }
            runLength++;
        }
        giveBack(run, runLength);
    }

    private static void giveBack(SlotCount slots, int count) {
        if (slots != null && count > 0) {
            slots.giveBack(count);
        }
    }

    /** Completes an acked entry; {@code now} is the time the ack was read when acks are timed. */
    private void complete(PendingAck entry, long now) {
        if (this.stats.isTimed()) {
            this.stats.ackLatency(now - entry.sentAtNanos());
        }
        entry.future()
            .complete(new DeliveryResult(entry.uniqId(), entry.to(), DeliveryResult.Status.ACKED, entry.attempts()));
    }

    /** Stops tracking one message and fails its future; does nothing when it already completed. */
    public void fail(PendingAck entry, DeliveryException cause) {
        if (remove(entry)) {
            entry.future().completeExceptionally(cause);
        }
    }

    /**
     * Fails every pending message with the given reason.
     * @return how many messages were failed
     */
    public int failAll(Reason reason, String why) {
        List<PendingAck> failed = this.pending.snapshot();
        int count = 0;
        for (PendingAck entry : failed) {
            if (remove(entry)) {
                CupMessage message = entry.message();
                entry.future().completeExceptionally(new DeliveryException(reason, message.to(), message.uniqId(), why));
                count++;
            }
        }
        return count;
    }

    /** Removes an entry that is still pending and gives back its slot; whoever removes it completes it. */
    private boolean remove(PendingAck entry) {
        if (this.pending.remove(entry)) {
            giveBack(entry.peerSlots(), 1);
            return true;
        }
        return false;
    }

    /** Number of messages waiting for an ack; it walks the pending ring, so read it for gauges, not per message. */
    public int pendingCount() {
        return this.pending.size();
    }

    /**
     * Stops sweeping, so that a timer shared with other users (option {@code ack.timer}) no longer runs this
     * tracker; pending messages stay until {@link #failAll(Reason, String)}.
     */
    public void close() {
        this.closed = true;
        Timeout armed = this.nextSweep;
        if (armed != null) {
            armed.cancel();
        }
    }

    private void armSweep() {
        if (this.closed) {
            return;
        }
        try {
            this.nextSweep = this.timer.newTimeout((timeout) -> sweep(), this.tickNanos, TimeUnit.NANOSECONDS);
        }
        catch (IllegalStateException stopped) {
            logger.debug("Ack sweep not re-armed: the timer is stopped");
        }
    }

    /** Resends or times out every entry that is due; on the timer thread. */
    private void sweep() {
        try {
            long now = System.nanoTime();
            for (PendingAck entry : this.pending.snapshot()) {
                if (now - entry.nextCheckNanos() >= 0) {
                    onDue(entry, now);
                }
            }
        }
        finally {
            armSweep();
        }
    }

    private void onDue(PendingAck entry, long now) {
        if (now - entry.firstWriteDeadlineNanos() >= 0 && entry.abandonUnwritten()) {
            failUnwritten(entry);
            return;
        }
        if (now - entry.deadlineNanos() >= 0) {
            timeOut(entry);
            return;
        }
        if (entry.claimQueueSlot()) {
            this.stats.ackRetries().increment();
            this.resender.accept(entry);
        }
        long deadline = entry.isUnwritten() ? entry.firstWriteDeadlineNanos() : entry.deadlineNanos();
        entry.nextCheckNanos(now + Math.max(0, Math.min(this.retryIntervalNanos, deadline - now)));
    }

    /** Fails a message given up before its first write; whoever removed it first completes it. */
    private void failUnwritten(PendingAck entry) {
        if (remove(entry)) {
            this.stats.ackUnwritten().increment();
            entry.future().completeExceptionally(this.unwritten.apply(entry));
        }
    }

    /** The failure of a message never written when nothing more is known about its peer. */
    private static DeliveryException neverWritten(PendingAck entry) {
        return new DeliveryException(Reason.PEER_UNREACHABLE, entry.to(), entry.uniqId(),
                "the message to " + entry.to() + " was never written before its deadline");
    }

    private void timeOut(PendingAck entry) {
        if (remove(entry)) {
            this.stats.ackTimeouts().increment();
            CupMessage message = entry.message();
            logger.warn("No ack for message {} (type {}) to {} after {} attempt(s) in {} ms", message.uniqId(),
                    message.type(), message.to(), entry.attempts(), TimeUnit.NANOSECONDS.toMillis(this.totalTimeoutNanos));
            entry.future()
                .completeExceptionally(new DeliveryException(Reason.ACK_TIMEOUT, message.to(), message.uniqId(),
                        "no ack from " + message.to() + " for message " + message.uniqId() + " within "
                                + TimeUnit.NANOSECONDS.toMillis(this.totalTimeoutNanos) + " ms after "
                                + entry.attempts() + " attempt(s)"));
        }
    }

}
