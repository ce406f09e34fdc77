package io.cupnet.ack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.cupnet.ack.DeliveryException.Reason;
import io.cupnet.metrics.CupnetStats;
import io.cupnet.wire.CupMessage;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks need-ack messages until their ack arrives or their total timeout passes,
 * resending each one every retry interval on a timer wheel.
 *
 * <p>Each entry completes exactly once: whoever removes it from the map completes it
 * (remove-then-complete), so an ack racing a timeout or a shutdown cannot complete
 * a future twice.
 */
public final class AckTracker {

    private static final Logger logger = LoggerFactory.getLogger(AckTracker.class);

    private final Map<AckKey, PendingAck> pending = new ConcurrentHashMap<>();

    private final Timer timer;

    private final long retryIntervalNanos;

    private final long totalTimeoutNanos;

    private final Consumer<PendingAck> resender;

    private final CupnetStats stats;

    /**
     * @param timer the timer wheel that fires retries and timeouts
     * @param retryInterval time between two writes of the same frame
     * @param totalTimeout time after the first send when the message fails with {@link Reason#ACK_TIMEOUT}
     * @param resender queues a pending message for writing again on its peer's current connection
     * @param stats counters for retries, timeouts and unmatched acks
     */
    public AckTracker(Timer timer, Duration retryInterval, Duration totalTimeout, Consumer<PendingAck> resender,
            CupnetStats stats) {
        this.timer = timer;
        this.retryIntervalNanos = retryInterval.toNanos();
        this.totalTimeoutNanos = totalTimeout.toNanos();
        this.resender = resender;
        this.stats = stats;
    }

    /**
     * Starts tracking a need-ack message that is about to be queued for its first write.
     * @param future the future to complete once: acked, timed out or failed
     * @throws IllegalStateException if a message with the same peer and uniq id is already pending
     */
    public PendingAck register(CupMessage message, CompletableFuture<DeliveryResult> future) {
        long now = System.nanoTime();
        AckKey key = AckKey.of(message.to(), message.uniqId());
        PendingAck entry = new PendingAck(key, message, future, now, now + this.totalTimeoutNanos);
        if (this.pending.putIfAbsent(key, entry) != null) {
            throw new IllegalStateException("Message " + message.uniqId() + " to " + message.to()
                    + " is already waiting for an ack; uniq ids must be unique per peer");
        }
        schedule(entry, now);
        return entry;
    }

    /**
     * Completes the pending message that an incoming ack frame answers.
     * @return whether the ack matched a pending message; unmatched acks are counted
     */
    public boolean onAck(CupMessage ack) {
        PendingAck entry = this.pending.remove(AckKey.of(ack.from(), ack.uniqId()));
        if (entry == null) {
            this.stats.ackUnmatched().increment();
            logger.debug("Ignoring ack {} from {}: no message is waiting for it", ack.uniqId(), ack.from());
            return false;
        }
        entry.cancelTimer();
        this.stats.ackLatency(System.nanoTime() - entry.sentAtNanos());
        entry.future()
            .complete(new DeliveryResult(entry.message().uniqId(), entry.message().to(),
                    DeliveryResult.Status.ACKED, entry.attempts()));
        return true;
    }

    /** Stops tracking one message and fails its future; does nothing when it already completed. */
    public void fail(PendingAck entry, DeliveryException cause) {
        if (this.pending.remove(entry.key(), entry)) {
            entry.cancelTimer();
            entry.future().completeExceptionally(cause);
        }
    }

    /**
     * Fails every pending message with the given reason.
     * @return how many messages were failed
     */
    public int failAll(Reason reason, String why) {
        List<PendingAck> failed = new ArrayList<>(this.pending.values());
        int count = 0;
        for (PendingAck entry : failed) {
            if (this.pending.remove(entry.key(), entry)) {
                entry.cancelTimer();
                CupMessage message = entry.message();
                entry.future().completeExceptionally(new DeliveryException(reason, message.to(), message.uniqId(), why));
                count++;
            }
        }
        return count;
    }

    /** Number of messages waiting for an ack. */
    public int pendingCount() {
        return this.pending.size();
    }

    private void schedule(PendingAck entry, long now) {
        long delay = Math.min(this.retryIntervalNanos, entry.deadlineNanos() - now);
        entry.timeout(this.timer.newTimeout((timeout) -> onTimer(entry), Math.max(delay, 0), TimeUnit.NANOSECONDS));
    }

    private void onTimer(PendingAck entry) {
        if (this.pending.get(entry.key()) != entry) {
            return;
        }
        long now = System.nanoTime();
        if (now - entry.deadlineNanos() >= 0) {
            timeOut(entry);
            return;
        }
        if (entry.claimQueueSlot()) {
            this.stats.ackRetries().increment();
            this.resender.accept(entry);
        }
        schedule(entry, now);
    }

    private void timeOut(PendingAck entry) {
        if (this.pending.remove(entry.key(), entry)) {
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
