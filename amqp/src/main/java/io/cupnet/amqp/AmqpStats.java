package io.cupnet.amqp;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import io.cupnet.DeliveryResult;
import io.cupnet.DeliveryResult.Status;
import io.cupnet.metrics.TypeCounters;

/**
 * Cumulative counters of one broker transport, kept without any metrics library: sends by type and outcome,
 * deliveries by type, handler attempts, publisher confirms and returns, redeliveries and dead letters.
 *
 * <p>Every counter only ever grows; {@link AmqpMetrics} exposes them to Micrometer when it is on the classpath.
 */
public final class AmqpStats {

    private final TypeCounters sentByType = new TypeCounters(Sent.values().length, this::typeAdded);

    private final TypeCounters receivedByType = new TypeCounters(Received.values().length, this::typeAdded);

    private final List<TypeCounters.Listener> typeListeners = new CopyOnWriteArrayList<>();

    private final LongAdder confirmsAcked = new LongAdder();

    private final LongAdder confirmsNacked = new LongAdder();

    private final LongAdder returns = new LongAdder();

    private final LongAdder redeliveriesHandled = new LongAdder();

    private final LongAdder redeliveriesAckedAgain = new LongAdder();

    private final LongAdder deadLetteredAfterAttempts = new LongAdder();

    private final LongAdder deadLetteredMalformed = new LongAdder();

    private final LongAdder acksMatched = new LongAdder();

    private final LongAdder ackTimeouts = new LongAdder();

    private final LongAdder handlerSuccesses = new LongAdder();

    private final LongAdder handlerSuccessNanos = new LongAdder();

    private final LongAdder handlerFailures = new LongAdder();

    private final LongAdder handlerFailureNanos = new LongAdder();

    /** Counts the send of a message of {@code type} by the outcome of its future, once it completes. */
    void send(int type, CompletableFuture<DeliveryResult> result) {
        result.whenComplete((delivery, failure) -> this.sentByType.increment(type, outcome(delivery, failure)));
    }

    private static int outcome(DeliveryResult delivery, Throwable failure) {
        if (failure != null) {
            return Sent.FAILED.ordinal();
        }
        return (delivery.status() == Status.ACKED) ? Sent.ACKED.ordinal() : Sent.SENT.ordinal();
    }

    /** Counts a delivery of {@code type} handed to the handler. */
    void accepted(int type) {
        this.receivedByType.increment(type, Received.ACCEPTED.ordinal());
    }

    /** Counts a redelivered need-ack message of {@code type} handled before, acked again without handling. */
    void ackedAgain(int type) {
        this.receivedByType.increment(type, Received.DUPLICATE.ordinal());
        this.redeliveriesAckedAgain.increment();
    }

    /** Counts a redelivery that goes to the handler (again). */
    void redeliveryHandled() {
        this.redeliveriesHandled.increment();
    }

    /** Counts one handler attempt on a delivery and how long it ran. */
    void handled(boolean success, long nanos) {
        (success ? this.handlerSuccesses : this.handlerFailures).increment();
        (success ? this.handlerSuccessNanos : this.handlerFailureNanos).add(nanos);
    }

    /** Counts a publisher confirm: a positive one ({@code ack}) or a negative one. */
    void confirmed(boolean ack) {
        (ack ? this.confirmsAcked : this.confirmsNacked).increment();
    }

    /** Counts a message the broker returned as unroutable. */
    void returned() {
        this.returns.increment();
    }

    /** Counts a delivery dead-lettered: at once as no cupnet message ({@code malformed}), or after its last attempt. */
    void deadLettered(boolean malformed) {
        (malformed ? this.deadLetteredMalformed : this.deadLetteredAfterAttempts).increment();
    }

    /** Counts a need-ack send acknowledged by the node that handled it. */
    void ackMatched() {
        this.acksMatched.increment();
    }

    /** Counts a need-ack send that failed with {@code ACK_TIMEOUT}. */
    void ackTimedOut() {
        this.ackTimeouts.increment();
    }

    /** Sends by type and {@link Sent} outcome (the result index is the ordinal). */
    public TypeCounters sentByType() {
        return this.sentByType;
    }

    /** Deliveries by type and {@link Received} outcome (the result index is the ordinal). */
    public TypeCounters receivedByType() {
        return this.receivedByType;
    }

    /** Publisher confirms, positive ({@code ack}) or negative (including those for a channel that closed first). */
    public long confirms(boolean ack) {
        return (ack ? this.confirmsAcked : this.confirmsNacked).sum();
    }

    /** Messages the broker returned because no queue took them. */
    public long returns() {
        return this.returns.sum();
    }

    /** Redelivered deliveries handed to the handler again. */
    public long redeliveriesHandled() {
        return this.redeliveriesHandled.sum();
    }

    /** Redelivered need-ack messages this node had handled before, acked again without handling. */
    public long redeliveriesAckedAgain() {
        return this.redeliveriesAckedAgain.sum();
    }

    /** Deliveries dead-lettered after their last failed attempt. */
    public long deadLetteredAfterAttempts() {
        return this.deadLetteredAfterAttempts.sum();
    }

    /** Deliveries dead-lettered at once because they are no cupnet message. */
    public long deadLetteredMalformed() {
        return this.deadLetteredMalformed.sum();
    }

    /** Need-ack sends acknowledged by the node that handled them. */
    public long acksMatched() {
        return this.acksMatched.sum();
    }

    /** Need-ack sends that failed with {@code ACK_TIMEOUT}. */
    public long ackTimeouts() {
        return this.ackTimeouts.sum();
    }

    /** Handler attempts on deliveries that succeeded ({@code success}) or failed (threw or rejected). */
    public long handlerAttempts(boolean success) {
        return (success ? this.handlerSuccesses : this.handlerFailures).sum();
    }

    /** The total nanoseconds the successful ({@code success}) or failed handler attempts ran. */
    public long handlerNanos(boolean success) {
        return (success ? this.handlerSuccessNanos : this.handlerFailureNanos).sum();
    }

    /** Starts telling {@code listener} about each type that gets its own counters. */
    void addTypeListener(TypeCounters.Listener listener) {
        this.typeListeners.add(listener);
    }

    private void typeAdded(TypeCounters counters, int slot) {
        this.typeListeners.forEach((listener) -> listener.slotAdded(counters, slot));
    }

    /** The outcomes of a send, as the tag {@code result} of {@code cupnet.messages.sent}. */
    public enum Sent {

        /** A plain send the broker confirmed and routed. */
        SENT,

        /** A need-ack send that a node handled and acknowledged. */
        ACKED,

        /** The send's future failed. */
        FAILED;

        /** The lower-case tag value. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

    }

    /** What became of a delivery, as the tag {@code result} of {@code cupnet.messages.received}. */
    public enum Received {

        /** Handed to the handler. */
        ACCEPTED,

        /** A redelivered need-ack message handled before: acked again, not handled twice. */
        DUPLICATE;

        /** The lower-case tag value. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

    }

}
