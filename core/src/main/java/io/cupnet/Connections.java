package io.cupnet;

import java.util.List;

import io.cupnet.PeerSnapshot.Direction;

/**
 * The connections of a message center and their send queues, as operators read and manage them: a view over the
 * center's connection manager, taken with {@link MessageCenter#connections()}.
 *
 * <p>Every method reads live state and may be called from any thread; before the center starts and after it
 * terminated the counts are 0 and the lists empty. The reads walk every connection or peer, so call them for
 * gauges, health checks and endpoints, not per message.
 */
public interface Connections {

    /** One row per open connection, and one per outbound peer without a connection; a snapshot. */
    List<PeerSnapshot> peers();

    /** Outbound peers whose state (send queue, pending acks, connection) the node keeps. */
    int peerCount();

    /** Open connections, inbound and outbound. */
    int openConnections();

    /** Open connections in one direction. */
    int openConnections(Direction direction);

    /** Frames waiting in one lane of every peer's send queue. */
    int sendQueueDepth(Lane lane);

    /** Whether reading from sockets is paused because the receive queue passed its high watermark. */
    boolean isReadingPaused();

    /**
     * Closes the outbound connection to a peer and the inbound ones it opened; the node reopens the outbound one on
     * its next send to the peer.
     * @param peer the peer's listening address
     * @return how many connections closed, 0 when none was open
     * @throws IllegalStateException when the center has not started
     */
    int closePeer(PeerAddress peer);

}
