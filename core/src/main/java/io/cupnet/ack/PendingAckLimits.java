package io.cupnet.ack;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.cupnet.wire.PeerAddress;

/**
 * Bounds the need-ack messages waiting for their ack, per peer (ip and port) and for all
 * peers together, so that a peer that never acks cannot make a node hold unbounded memory.
 *
 * <p>A slot is taken before a message is registered and given back when its future
 * completes: acked, timed out, failed or cancelled.
 */
public final class PendingAckLimits {

    private final int maxTotal;

    private final int maxPerPeer;

    private final AtomicInteger total = new AtomicInteger();

    private final Map<Long, AtomicInteger> perPeer = new ConcurrentHashMap<>();

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
     * @return {@code null} when a slot was taken, otherwise why none is left, naming the limit
     */
    public String tryAcquire(PeerAddress peer) {
        AtomicInteger count = count(peer);
        if (count.incrementAndGet() > this.maxPerPeer) {
            count.decrementAndGet();
            return this.maxPerPeer + " need-ack messages to " + peer + " are already waiting for their ack, the maximum "
                    + "per peer; wait for acks, or raise cupnet.ack.max-pending-per-peer (option maxPendingAcksPerPeer)";
        }
        if (this.total.incrementAndGet() > this.maxTotal) {
            this.total.decrementAndGet();
            count.decrementAndGet();
            return this.maxTotal + " need-ack messages are already waiting for their ack, the maximum for all peers; "
                    + "wait for acks, or raise cupnet.ack.max-pending (option maxPendingAcks)";
        }
        return null;
    }

    /** Gives back the slot of a message to {@code peer} that no longer waits. */
    public void release(PeerAddress peer) {
        count(peer).decrementAndGet();
        this.total.decrementAndGet();
    }

    /** Need-ack messages holding a slot, all peers together. */
    public int total() {
        return this.total.get();
    }

    private AtomicInteger count(PeerAddress peer) {
        Long key = peer.endpointKey();
        AtomicInteger count = this.perPeer.get(key);
        return (count != null) ? count : this.perPeer.computeIfAbsent(key, (ignored) -> new AtomicInteger());
    }

}
