package io.cupnet.internal.transport;

import io.cupnet.CupMessage;
import io.cupnet.internal.wire.CupFrameEncoder;

/**
 * The acks of received need-ack frames from one peer, queued together: one send-queue entry
 * for a handler batch's or a read's acks, each encoded straight from the frame it acknowledges.
 * Nobody holds a future for an ack, and acks take no permit.
 */
public final class OutboundAcks {

    private final CupMessage[] acked;

    private final long deadlineNanos;

    /**
     * @param acked the received need-ack frames, all from one peer; the array is not copied
     * @param deadlineNanos {@link System#nanoTime()} after which acks still waiting for a connection are dropped
     */
    public OutboundAcks(CupMessage[] acked, long deadlineNanos) {
        this.acked = acked;
        this.deadlineNanos = deadlineNanos;
    }

    int count() {
        return this.acked.length;
    }

    /** The received frame the ack at {@code index} acknowledges. */
    CupMessage acked(int index) {
        return this.acked[index];
    }

    /** Bytes of the acks, any head excluded. */
    int bytes() {
        return this.acked.length * CupFrameEncoder.ackLength(false);
    }

    boolean isExpired(long nowNanos) {
        return nowNanos - this.deadlineNanos >= 0;
    }

}
