package io.cupnet.spring.core;

import java.util.Map;

import io.cupnet.AckTracking;
import io.cupnet.MessageCenter;
import io.cupnet.PeerAddress;

/**
 * The {@link AckTracking} of whichever message center a {@link CupnetServer} runs now, so that a view taken once
 * follows the fresh center of each start; nothing pending and no outcome while no center exists. The outcome
 * counts are the current center's, from its start.
 */
final class ServerAckTracking implements AckTracking {

    private final CupnetServer server;

    ServerAckTracking(CupnetServer server) {
        this.server = server;
    }

    private AckTracking current() {
        MessageCenter center = this.server.getMessageCenter();
        return (center != null) ? center.acks() : null;
    }

    @Override
    public int pending() {
        AckTracking current = current();
        return (current != null) ? current.pending() : 0;
    }

    @Override
    public int pending(PeerAddress peer) {
        AckTracking current = current();
        return (current != null) ? current.pending(peer) : 0;
    }

    @Override
    public Map<PeerAddress, Integer> pendingByPeer() {
        AckTracking current = current();
        return (current != null) ? current.pendingByPeer() : Map.of();
    }

    @Override
    public long acked() {
        AckTracking current = current();
        return (current != null) ? current.acked() : 0;
    }

    @Override
    public long timedOut() {
        AckTracking current = current();
        return (current != null) ? current.timedOut() : 0;
    }

    @Override
    public long unreachable() {
        AckTracking current = current();
        return (current != null) ? current.unreachable() : 0;
    }

    @Override
    public long refused() {
        AckTracking current = current();
        return (current != null) ? current.refused() : 0;
    }

    @Override
    public long retries() {
        AckTracking current = current();
        return (current != null) ? current.retries() : 0;
    }

}
