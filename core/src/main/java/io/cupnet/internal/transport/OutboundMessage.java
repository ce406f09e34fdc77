package io.cupnet.internal.transport;

import java.util.concurrent.CompletableFuture;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;
import io.cupnet.internal.ack.PendingAck;

/**
 * A frame waiting in a peer's send queue, with the future its sender holds; acks wait as
 * {@link OutboundAcks}.
 *
 * @param message the complete frame (from and uniq id set)
 * @param future completes when the frame is written (plain) or acked (need-ack)
 * @param pending the ack tracker's entry for a need-ack frame, else {@code null}
 * @param holdsPermit whether it took one of the queue's capacity permits (internal resends do not)
 * @param deadlineNanos {@link System#nanoTime()} after which a frame still waiting for a connection fails
 */
public record OutboundMessage(CupMessage message, CompletableFuture<DeliveryResult> future, PendingAck pending,
        boolean holdsPermit, long deadlineNanos) {

    /** A plain send, whose future completes once the frame is written. */
    boolean isPlainSend() {
        return this.pending == null;
    }

    /** Whether nobody waits for this frame any more: a need-ack frame that was acked or failed meanwhile. */
    boolean isObsolete() {
        return this.pending != null && this.pending.isDone();
    }

    /** The same entry without a permit, for a queue whose permit it did not take. */
    OutboundMessage withoutPermit() {
        return new OutboundMessage(this.message, this.future, this.pending, false, this.deadlineNanos);
    }

    boolean isExpired(long nowNanos) {
        return nowNanos - this.deadlineNanos >= 0;
    }

}
