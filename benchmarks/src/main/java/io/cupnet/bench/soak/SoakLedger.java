package io.cupnet.bench.soak;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.cupnet.DeliveryException.Reason;
import io.cupnet.DeliveryException;

/**
 * What happened to every soak message, by sequence number (its uniq id): sent, handled by a
 * receiver lifetime, acked or failed; and the duplicates, sorted by why they happened.
 *
 * <p>A handling of a message already handled before is a duplicate of one of three kinds:
 * <ul>
 * <li>{@link #duplicatesAfterAck()}: its sender had already received the ack. cupnet promises
 * none: once acked a message is never resent.</li>
 * <li>{@link #duplicatesInLifetime()}: the same receiver lifetime handled it twice. cupnet
 * promises none: the dedup window recognises resent copies.</li>
 * <li>{@link #duplicatesUnacked()}: a receiver handled it, then restarted before its ack
 * reached the sender, which resent it to the new lifetime. CUP's at-least-once delivery allows
 * these; they are counted, not failures.</li>
 * </ul>
 * A message is counted as acked-before-handled ({@link #ackedNotHandled()}) when its ack came
 * yet no receiver reported handling it; cupnet promises none (acks follow the handler).
 * Thread-safe; every method takes one lock.
 */
final class SoakLedger {

    private final BitSet handled = new BitSet();

    private final BitSet acked = new BitSet();

    private final Map<Reason, Long> failures = new EnumMap<>(Reason.class);

    private long sent;

    private long ackedCount;

    private long handledCount;

    private long duplicatesAfterAck;

    private long duplicatesInLifetime;

    private long duplicatesUnacked;

    synchronized void onSent() {
        this.sent++;
    }

    /** Records a handling by a receiver lifetime, which keeps its own set of handled sequence numbers. */
    synchronized void onHandled(BitSet lifetime, int sequence) {
        this.handledCount++;
        if (lifetime.get(sequence)) {
            this.duplicatesInLifetime++;
            return;
        }
        lifetime.set(sequence);
        if (this.handled.get(sequence)) {
            if (this.acked.get(sequence)) {
                this.duplicatesAfterAck++;
            }
            else {
                this.duplicatesUnacked++;
            }
        }
        this.handled.set(sequence);
    }

    synchronized void onAcked(int sequence) {
        this.ackedCount++;
        this.acked.set(sequence);
    }

    synchronized void onFailed(Throwable failure) {
        Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
        Reason reason = (cause instanceof DeliveryException delivery) ? delivery.reason() : null;
        this.failures.merge((reason != null) ? reason : Reason.INVALID_MESSAGE, 1L, Long::sum);
    }

    synchronized long sent() {
        return this.sent;
    }

    synchronized long acked() {
        return this.ackedCount;
    }

    synchronized long handledCount() {
        return this.handledCount;
    }

    synchronized long timedOut() {
        return this.failures.getOrDefault(Reason.ACK_TIMEOUT, 0L);
    }

    /** Failures for any reason but the ack timeout. */
    synchronized Map<Reason, Long> otherFailures() {
        Map<Reason, Long> other = new EnumMap<>(this.failures);
        other.remove(Reason.ACK_TIMEOUT);
        return other;
    }

    synchronized long duplicatesAfterAck() {
        return this.duplicatesAfterAck;
    }

    synchronized long duplicatesInLifetime() {
        return this.duplicatesInLifetime;
    }

    synchronized long duplicatesUnacked() {
        return this.duplicatesUnacked;
    }

    synchronized long ackedNotHandled() {
        BitSet ackedOnly = (BitSet) this.acked.clone();
        ackedOnly.andNot(this.handled);
        return ackedOnly.cardinality();
    }

}
