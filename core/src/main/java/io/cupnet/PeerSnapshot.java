package io.cupnet;

import java.time.Instant;
import java.util.Locale;


/**
 * A read-only view of one connection of a message center, or of an outbound peer that has
 * no connection at the moment; taken by {@link MessageCenter#peers()} for operators.
 *
 * @param peer the peer's listening address; {@code null} for an inbound connection whose first frame has not
 * arrived yet
 * @param remoteAddress the remote socket address of the connection, {@code null} without one
 * @param direction whether the peer connected to this node or this node to the peer
 * @param state whether a connection is open
 * @param urgentQueued frames waiting in the urgent lane of the peer's send queue (outbound only)
 * @param normalQueued frames waiting in the normal lane of the peer's send queue (outbound only)
 * @param lastActivity when the connection last read or wrote a batch of frames, {@code null} without a connection
 */
public record PeerSnapshot(PeerAddress peer, String remoteAddress, Direction direction, State state,
        int urgentQueued, int normalQueued, Instant lastActivity) {

    /** Frames waiting in both lanes. */
    public int queueDepth() {
        return this.urgentQueued + this.normalQueued;
    }

    /** Who opened a connection. */
    public enum Direction {

        /** The peer connected to this node's server. */
        INBOUND,

        /** This node connected to the peer, to send to it. */
        OUTBOUND;

        /** The lower-case name used as a metric tag. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

    }

    /** Whether a connection is open. */
    public enum State {

        /** The connection is open. */
        CONNECTED,

        /** An outbound peer between connections: not connected yet, reconnecting, or idle since one closed. */
        DISCONNECTED

    }

}
