package io.cupnet.internal.transport;

import java.util.List;
import java.util.function.Supplier;

import io.cupnet.Connections;
import io.cupnet.Lane;
import io.cupnet.PeerAddress;
import io.cupnet.PeerSnapshot.Direction;
import io.cupnet.PeerSnapshot;

/**
 * The {@link Connections} of a message center, read from its connection manager, which exists once the center
 * started.
 */
public final class ConnectionsView implements Connections {

    private final Supplier<ConnectionManager> manager;

    /**
     * A view that reads whatever connection manager the supplier gives at each call.
     * @param manager the center's connection manager, {@code null} before it started
     */
    public ConnectionsView(Supplier<ConnectionManager> manager) {
        this.manager = manager;
    }

    @Override
    public List<PeerSnapshot> peers() {
        ConnectionManager current = this.manager.get();
        return (current != null) ? PeerSnapshots.of(current) : List.of();
    }

    @Override
    public int peerCount() {
        ConnectionManager current = this.manager.get();
        return (current != null) ? current.peerCount() : 0;
    }

    @Override
    public int openConnections() {
        ConnectionManager current = this.manager.get();
        return (current != null) ? current.channels().size() : 0;
    }

    @Override
    public int openConnections(Direction direction) {
        ConnectionManager current = this.manager.get();
        return (current != null) ? PeerSnapshots.openConnections(current, direction) : 0;
    }

    @Override
    public int sendQueueDepth(Lane lane) {
        ConnectionManager current = this.manager.get();
        return (current != null) ? PeerSnapshots.queued(current, lane) : 0;
    }

    @Override
    public boolean isReadingPaused() {
        ConnectionManager current = this.manager.get();
        return current != null && current.isReadingPaused();
    }

    @Override
    public int closePeer(PeerAddress peer) {
        ConnectionManager current = this.manager.get();
        if (current == null) {
            throw new IllegalStateException("The message center has not started, so it has no connection to "
                    + peer + " to close; call start() first");
        }
        return current.closePeer(peer);
    }

}
