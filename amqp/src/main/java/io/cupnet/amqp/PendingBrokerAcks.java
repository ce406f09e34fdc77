package io.cupnet.amqp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.cupnet.DeliveryException;
import io.cupnet.DeliveryException.Reason;
import io.cupnet.DeliveryResult;
import io.cupnet.DeliveryResult.Status;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;

/**
 * The need-ack sends waiting for the ack of the node that handled them, by uniq id: each completes
 * exactly once, {@code ACKED} when the ack comes, or fails when its timeout, a failed publish or shutdown comes first.
 * The ack timeout starts when the broker confirmed the publish, so a publish that waits out a broker outage keeps
 * its whole ack timeout.
 */
final class PendingBrokerAcks {

    private final Map<UniqId, Pending> pending = new ConcurrentHashMap<>();

    private final ScheduledExecutorService timer;

    private final Duration timeout;

    private final AmqpStats stats;

    PendingBrokerAcks(ScheduledExecutorService timer, Duration timeout, AmqpStats stats) {
        this.timer = timer;
        this.timeout = timeout;
        this.stats = stats;
    }

    /**
     * Starts waiting for the ack of {@code id}, without a timeout until {@link #confirmed} or {@link #fail}; false
     * when a send with that id is already waiting.
     */
    boolean register(UniqId id, PeerAddress to, CompletableFuture<DeliveryResult> result) {
        return this.pending.putIfAbsent(id, new Pending(to, result)) == null;
    }

    /** Starts the ack timeout of {@code id}, whose publish the broker confirmed; once, when it is still waiting. */
    void confirmed(UniqId id) {
        Pending entry = this.pending.get(id);
        if (entry == null || entry.timeoutTask != null) {
            return;
        }
        PeerAddress to = entry.to;
        entry.timeoutTask = this.timer.schedule(() -> timeOut(id, to), this.timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (this.pending.get(id) != entry) {
            entry.cancelTimeout();
        }
    }

    /** Completes the send of {@code id} as acknowledged; an ack for nothing pending is ignored. */
    void acknowledged(UniqId id) {
        Pending entry = this.pending.remove(id);
        if (entry != null) {
            entry.cancelTimeout();
            this.stats.ackMatched();
            entry.result.complete(new DeliveryResult(id, entry.to, Status.ACKED, 1));
        }
    }

    private void timeOut(UniqId id, PeerAddress to) {
        if (fail(id, new DeliveryException(Reason.ACK_TIMEOUT, to, id,
                "no node acknowledged the message within " + this.timeout + " of its publisher confirm (option "
                        + "amqp.ackTimeout)"))) {
            this.stats.ackTimedOut();
        }
    }

    /** Fails the send of {@code id} with {@code failure}, when it is still waiting; false when it was not. */
    boolean fail(UniqId id, DeliveryException failure) {
        Pending entry = this.pending.remove(id);
        if (entry == null) {
            return false;
        }
        entry.cancelTimeout();
        entry.result.completeExceptionally(failure);
        return true;
    }

    /** Fails every waiting send with {@link Reason#SHUTDOWN}. */
    void failAll() {
        for (UniqId id : this.pending.keySet()) {
            Pending entry = this.pending.get(id);
            PeerAddress to = (entry != null) ? entry.to : null;
            fail(id, new DeliveryException(Reason.SHUTDOWN, to, id,
                    "the broker transport stopped before a node acknowledged the message"));
        }
    }

    /** The number of sends waiting for their ack. */
    int size() {
        return this.pending.size();
    }

    private static final class Pending {

        private final PeerAddress to;

        private final CompletableFuture<DeliveryResult> result;

        private volatile ScheduledFuture<?> timeoutTask;

        private Pending(PeerAddress to, CompletableFuture<DeliveryResult> result) {
            this.to = to;
            this.result = result;
        }

        private void cancelTimeout() {
            ScheduledFuture<?> task = this.timeoutTask;
            if (task != null) {
                task.cancel(false);
            }
        }

    }

}
