package io.cupnet.ack;

import java.util.concurrent.atomic.AtomicInteger;

import io.cupnet.wire.PeerAddress;

/**
 * Bounds the need-ack messages waiting for their ack, per peer (ip and port) and for all
 * peers together, so that a peer that never acks cannot make a node hold unbounded memory.
 *
 * <p>A peer's slot is taken before a message is registered and given back by the
 * {@link AckTracker} when the message stops being pending: acked, timed out or failed.
 * The overall limit is checked against the tracker's count, so concurrent senders may
 * pass it by a few messages.
 */
public final class PendingAckLimits {

    private final int maxTotal;

    private final int maxPerPeer;

    /**
     * @param maxTotal need-ack messages that may wait for their ack at once, all peers together
     * @param maxPerPeer need-ack messages that may wait for an ack from one peer at once
     */
    public PendingAckLimits(int maxTotal, int maxPerPeer) {
        this.maxTotal = maxTotal;
        this.maxPerPeer = maxPerPeer;
    }

    /**
     * Takes a slot for one more need-ack message to {@code peer}.
     * @param peerSlots the slots the peer's messages hold, given back through {@link PendingAck}
     * @param pendingTotal the need-ack messages pending now, all peers together
     * @return {@code null} when a slot was taken, otherwise why none is left, naming the limit
     */
    public String tryAcquire(PeerAddress peer, AtomicInteger peerSlots, int pendingTotal) {
        if (pendingTotal >= this.maxTotal) {
            return this.maxTotal + " need-ack messages are already waiting for their ack, the maximum for all peers; "
                    + "wait for acks, or raise cupnet.ack.max-pending (option maxPendingAcks)";
        }
        if (peerSlots.incrementAndGet() > this.maxPerPeer) {
            peerSlots.decrementAndGet();
            return this.maxPerPeer + " need-ack messages to " + peer + " are already waiting for their ack, the maximum "
                    + "per peer; wait for acks, or raise cupnet.ack.max-pending-per-peer (option maxPendingAcksPerPeer)";
        }
        return null;
    }

}
