package io.cupnet.spring.core;

import java.util.List;

import io.cupnet.Connections;
import io.cupnet.Lane;
import io.cupnet.MessageCenter;
import io.cupnet.PeerAddress;
import io.cupnet.PeerSnapshot;
import io.cupnet.PeerSnapshot.Direction;

/**
 * The {@link Connections} of whichever message center a {@link CupnetServer} runs now, so that a view taken once
 * follows the fresh center of each start; empty while no center exists.
 */
final class ServerConnections implements Connections {

    private final CupnetServer server;

    ServerConnections(CupnetServer server) {
        this.server = server;
    }

    private Connections current() {
        MessageCenter center = this.server.getMessageCenter();
        return (center != null) ? center.connections() : null;
    }

    @Override
    public List<PeerSnapshot> peers() {
        Connections current = current();
        return (current != null) ? current.peers() : List.of();
    }

    @Override
    public int peerCount() {
        Connections current = current();
        return (current != null) ? current.peerCount() : 0;
    }

    @Override
    public int openConnections() {
        Connections current = current();
        return (current != null) ? current.openConnections() : 0;
    }

    @Override
    public int openConnections(Direction direction) {
        Connections current = current();
        return (current != null) ? current.openConnections(direction) : 0;
    }

    @Override
    public int sendQueueDepth(Lane lane) {
        Connections current = current();
        return (current != null) ? current.sendQueueDepth(lane) : 0;
    }

    @Override
    public boolean isReadingPaused() {
        Connections current = current();
        return current != null && current.isReadingPaused();
    }

    @Override
    public int closePeer(PeerAddress peer) {
        return this.server.requireMessageCenter().connections().closePeer(peer);
    }

}
