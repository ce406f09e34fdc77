package io.cupnet.internal.ack;

import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import io.cupnet.AckTracking;
import io.cupnet.PeerAddress;
import io.cupnet.metrics.CupnetStats;

/**
 * The {@link AckTracking} of a message center: pending counts from its ack tracker, which exists once the center
 * started, and from its peers' pending-ack slots; outcome counts from its stats.
 */
public final class AckTrackingView implements AckTracking {

    private final Supplier<AckTracker> tracker;

    private final CupnetStats stats;

    private final ToIntFunction<PeerAddress> pendingOfPeer;

    private final Supplier<Map<PeerAddress, Integer>> pendingByPeer;

    /**
     * A view that reads whatever ack tracker the supplier gives at each call.
     * @param tracker the center's ack tracker, {@code null} before it started
     * @param stats the center's counters
     * @param pendingOfPeer the pending acks of one peer
     * @param pendingByPeer the pending acks of every peer with at least one
     */
    public AckTrackingView(Supplier<AckTracker> tracker, CupnetStats stats, ToIntFunction<PeerAddress> pendingOfPeer,
            Supplier<Map<PeerAddress, Integer>> pendingByPeer) {
        this.tracker = tracker;
        this.stats = stats;
        this.pendingOfPeer = pendingOfPeer;
        this.pendingByPeer = pendingByPeer;
    }

    @Override
    public int pending() {
        AckTracker current = this.tracker.get();
        return (current != null) ? current.pendingCount() : 0;
    }

    @Override
    public int pending(PeerAddress peer) {
        return this.pendingOfPeer.applyAsInt(peer);
    }

    @Override
    public Map<PeerAddress, Integer> pendingByPeer() {
        return this.pendingByPeer.get();
    }

    @Override
    public long acked() {
        return this.stats.ackMatched().sum();
    }

    @Override
    public long timedOut() {
        return this.stats.ackTimeouts().sum();
    }

    @Override
    public long unreachable() {
        return this.stats.ackUnwritten().sum();
    }

    @Override
    public long refused() {
        return this.stats.pendingAcksRefused().sum();
    }

    @Override
    public long retries() {
        return this.stats.ackRetries().sum();
    }

}
