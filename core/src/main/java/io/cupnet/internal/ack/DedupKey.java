package io.cupnet.internal.ack;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.internal.ack.DedupWindow.State;

/**
 * A received need-ack frame as the {@link DedupWindow} knows it: the sender's ip and port with
 * the frame's uniq id (stub and future take no part, as in CUP), and, once admitted, how far its
 * handling got. Equal keys name the same frame; the state takes no part in equality.
 *
 * <p>The state lives in the key, so that marking a frame handled needs neither a lookup nor the
 * window's lock.
 */
public final class DedupKey {

    private static final AtomicReferenceFieldUpdater<DedupKey, State> STATE = AtomicReferenceFieldUpdater
        .newUpdater(DedupKey.class, State.class, "state");

    private final long endpoint;

    private final long uniqIdHigh;

    private final long uniqIdLow;

    /** Set through {@link #STATE} with a release store, which costs no fence where a volatile write would. */
    private volatile State state = State.IN_PROGRESS;

    private DedupKey(long endpoint, long uniqIdHigh, long uniqIdLow) {
        this.endpoint = endpoint;
        this.uniqIdHigh = uniqIdHigh;
        this.uniqIdLow = uniqIdLow;
    }

    /** The key of a frame received from its {@code from}. */
    public static DedupKey of(CupMessage received) {
        return new DedupKey(received.from().endpointKey(), received.uniqIdHigh(), received.uniqIdLow());
    }

    /** The key of the frame with uniq id {@code uniqId} received from {@code from}. */
    public static DedupKey of(PeerAddress from, UniqId uniqId) {
        return new DedupKey(from.endpointKey(), uniqId.high(), uniqId.low());
    }

    /** {@link State#IN_PROGRESS} until the frame is marked handled. */
    State state() {
        return this.state;
    }

    void markHandled() {
        STATE.lazySet(this, State.HANDLED);
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof DedupKey key && this.uniqIdLow == key.uniqIdLow
                && this.uniqIdHigh == key.uniqIdHigh && this.endpoint == key.endpoint;
    }

    @Override
    public int hashCode() {
        // The low id bits count up by one, so consecutive frames fill neighbouring buckets.
        int peerAndHigh = 31 * Long.hashCode(this.endpoint) + Long.hashCode(this.uniqIdHigh);
        return 31 * peerAndHigh + Long.hashCode(this.uniqIdLow);
    }

    /**
     * A hash of the key under a secret {@code seed}, each field mixed through a non-linear finalizer, so that a
     * sender that picks its uniq ids cannot make many keys share a bucket.
     */
    int seededHash(long seed) {
        long hash = mix(seed ^ this.endpoint);
        hash = mix(hash ^ this.uniqIdHigh);
        hash = mix(hash ^ this.uniqIdLow);
        return (int) (hash ^ (hash >>> 32));
    }

    /** MurmurHash3's 64-bit finalizer. */
    private static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    @Override
    public String toString() {
        return "DedupKey[endpoint=" + this.endpoint + ", uniqId=" + new UniqId(this.uniqIdHigh, this.uniqIdLow)
                + ", state=" + state() + "]";
    }

}
