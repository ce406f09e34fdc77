package io.cupnet.internal.transport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import io.cupnet.Lane;
import io.cupnet.PeerSnapshot.Direction;
import io.cupnet.PeerSnapshot.State;
import io.cupnet.PeerSnapshot;
import io.netty.channel.Channel;

/**
 * Reads the connections and send queues of a {@link ConnectionManager} for operators, away
 * from the send and receive paths: one row per open connection, and one per outbound peer
 * without a connection.
 */
public final class PeerSnapshots {

    private PeerSnapshots() {
    }

    public static List<PeerSnapshot> of(ConnectionManager manager) {
        List<PeerSnapshot> rows = new ArrayList<>();
        Set<PeerConnection> connected = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Channel channel : manager.channels()) {
            if (!channel.isActive()) {
                // Still connecting: its peer shows as disconnected below until the connection is up.
                continue;
            }
            PeerConnection peer = isInbound(channel) ? null : channel.attr(ConnectionManager.PEER_CONNECTION).get();
            if (peer != null) {
                connected.add(peer);
            }
            rows.add(new PeerSnapshot(manager.peerOf(channel), remote(channel),
                    isInbound(channel) ? Direction.INBOUND : Direction.OUTBOUND, State.CONNECTED,
                    (peer != null) ? peer.queue().urgentSize() : 0, (peer != null) ? peer.queue().normalSize() : 0,
                    Activity.lastOf(channel)));
        }
        for (PeerConnection peer : manager.peers()) {
            if (!connected.contains(peer)) {
                rows.add(new PeerSnapshot(peer.peer(), null, Direction.OUTBOUND, State.DISCONNECTED,
                        peer.queue().urgentSize(), peer.queue().normalSize(), null));
            }
        }
        return List.copyOf(rows);
    }

    /** Open connections in one direction. */
    public static int openConnections(ConnectionManager manager, Direction direction) {
        int count = 0;
        for (Channel channel : manager.channels()) {
            if (isInbound(channel) == (direction == Direction.INBOUND)) {
                count++;
            }
        }
        return count;
    }

    /** Frames waiting in one lane of every peer's send queue. */
    public static int queued(ConnectionManager manager, Lane lane) {
        int count = 0;
        for (PeerConnection peer : manager.peers()) {
            count += (lane == Lane.URGENT) ? peer.queue().urgentSize() : peer.queue().normalSize();
        }
        return count;
    }

    private static boolean isInbound(Channel channel) {
        return channel.hasAttr(ConnectionManager.INBOUND);
    }

    private static String remote(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress remote) {
            return remote.getAddress().getHostAddress() + ":" + remote.getPort();
        }
        return null;
    }

}
