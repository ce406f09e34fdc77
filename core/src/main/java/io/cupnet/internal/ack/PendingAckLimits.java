package io.cupnet.internal.ack;

import io.cupnet.PeerAddress;

/**
 * Bounds the need-ack messages waiting for their ack, per peer (ip and port) and for all
 * peers together, so that a peer that never acks cannot make a node hold unbounded memory.
 *
 * <p>A slot is taken before a message is registered and given back by the {@link AckTracker}
 * when the message stops being pending: acked, timed out or failed.
 */
public final class PendingAckLimits {

    private final SlotCount total;

    private final int maxPerPeer;

    /**
     * @param maxTotal need-ack messages that may wait for their ack at once, all peers together
     * @param maxPerPeer need-ack messages that may wait for an ack from one peer at once
     */
    public PendingAckLimits(int maxTotal, int maxPerPeer) {
        this.total = new SlotCount(maxTotal);
        this.maxPerPeer = maxPerPeer;
    }

    /** The slots of one peer, a part of the slots of all peers. */
    public SlotCount newPeerSlots() {
        return this.total.part(this.maxPerPeer);
    }

    /**
     * Takes a slot for one more need-ack message to {@code peer}.
     * @param peerSlots the peer's slots, from {@link #newPeerSlots()}, given back through {@link PendingAck}
     * @return {@code null} when a slot was taken, otherwise why none is left, naming the limit
     */
    public String tryAcquire(PeerAddress peer, SlotCount peerSlots) {
        SlotCount full = peerSlots.tryTake();
        if (full == null) {
            return null;
        }
        if (full == this.total) {
            return this.total.limit() + " need-ack messages are already waiting for their ack, the maximum for all "
                    + "peers; wait for acks, or raise option ack.maxPending";
        }
        return this.maxPerPeer + " need-ack messages to " + peer + " are already waiting for their ack, the maximum "
                + "per peer; wait for acks, or raise option ack.maxPendingPerPeer";
    }

}
