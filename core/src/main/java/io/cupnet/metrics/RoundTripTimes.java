package io.cupnet.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.cupnet.PeerAddress;

/**
 * The heartbeat round-trip times of each peer: the last one measured and a moving
 * average that gives each new measurement a weight of {@value #WEIGHT}.
 */
public final class RoundTripTimes {

    /** Weight of a new measurement in the moving average. */
    public static final double WEIGHT = 0.2;

    private final Map<PeerAddress, Rtt> byPeer = new ConcurrentHashMap<>();

    /** Records a measured round trip to a peer (its listening address). */
    public void record(PeerAddress peer, long nanos) {
        this.byPeer.compute(peer.withSubEndpoint(0, 0), (key, previous) -> (previous == null) ? new Rtt(nanos, nanos, 1)
                : new Rtt(nanos, (long) (previous.averageNanos() * (1 - WEIGHT) + nanos * WEIGHT),
                        previous.samples() + 1));
    }

    /** The round-trip times of a peer, empty until one heartbeat to it was answered. */
    public Optional<Rtt> of(PeerAddress peer) {
        return Optional.ofNullable(this.byPeer.get(peer.withSubEndpoint(0, 0)));
    }

    /** Forgets the round-trip times of a peer the node no longer keeps. */
    public void forget(PeerAddress peer) {
        this.byPeer.remove(peer.withSubEndpoint(0, 0));
    }

    /** Every peer measured so far and its round-trip times. */
    public Map<PeerAddress, Rtt> all() {
        return Map.copyOf(this.byPeer);
    }

    /**
     * The round-trip times measured to one peer.
     *
     * @param lastNanos the latest measurement
     * @param averageNanos the exponentially weighted moving average
     * @param samples how many measurements were made
     */
    public record Rtt(long lastNanos, long averageNanos, long samples) {

        /** The latest round trip. */
        public Duration last() {
            return Duration.ofNanos(this.lastNanos);
        }

        /** The moving average of the round trips. */
        public Duration average() {
            return Duration.ofNanos(this.averageNanos);
        }

    }

}
