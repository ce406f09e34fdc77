package io.cupnet.internal.transport;

import java.util.List;

import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.internal.wire.CupFrameEncoder;

/**
 * The acks of received need-ack frames from one peer, queued together: one send-queue entry
 * for a handler batch's or a read's acks. Each ack keeps only what its frame needs, the
 * addresses and the uniq id, never the received frame or its body; consecutive acks share one
 * address object. Nobody holds a future for an ack, and acks take no permit.
 *
 * <p>The event loop may drop the oldest acks of a run ({@link #dropOldest(int)}) when the
 * peer's ack lane is full.
 */
public final class OutboundAcks {

    /** The peer the acks go to: the {@code from} of every acknowledged frame. */
    private final PeerAddress to;

    /** Per ack, the {@code to} of the acknowledged frame, which is the ack's {@code from}. */
    private final PeerAddress[] from;

    /** Per ack, the high then the low 64 bits of the acknowledged frame's uniq id. */
    private final long[] uniqIds;

    private final long deadlineNanos;

    /** Acks before this index were dropped; on the event loop. */
    private int first;

    private OutboundAcks(PeerAddress to, PeerAddress[] from, long[] uniqIds, long deadlineNanos) {
        this.to = to;
        this.from = from;
        this.uniqIds = uniqIds;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * The acks of {@code received}, need-ack frames that all have the same {@code from}.
     * @param deadlineNanos {@link System#nanoTime()} after which acks still waiting for a connection are dropped
     */
    public static OutboundAcks of(List<CupMessage> received, long deadlineNanos) {
        PeerAddress[] from = new PeerAddress[received.size()];
        long[] uniqIds = new long[2 * received.size()];
        PeerAddress previous = null;
        for (int i = 0; i < from.length; i++) {
            CupMessage frame = received.get(i);
            previous = (frame.to().equals(previous)) ? previous : frame.to();
            from[i] = previous;
            uniqIds[2 * i] = frame.uniqIdHigh();
            uniqIds[2 * i + 1] = frame.uniqIdLow();
        }
        return new OutboundAcks(received.get(0).from(), from, uniqIds, deadlineNanos);
    }

    int count() {
        return this.from.length - this.first;
    }

    PeerAddress ackFrom(int index) {
        return this.from[this.first + index];
    }

    PeerAddress ackTo() {
        return this.to;
    }

    long uniqIdHigh(int index) {
        return this.uniqIds[2 * (this.first + index)];
    }

    long uniqIdLow(int index) {
        return this.uniqIds[2 * (this.first + index) + 1];
    }

    /** Drops the oldest {@code count} acks, fewer than {@link #count()}; on the event loop. */
    void dropOldest(int count) {
        this.first += count;
    }

    /** Bytes of the acks on the wire, any head excluded. */
    int bytes() {
        return count() * CupFrameEncoder.ackLength(false);
    }

    boolean isExpired(long nowNanos) {
        return nowNanos - this.deadlineNanos >= 0;
    }

}
