package io.cupnet;

import java.util.Map;

/**
 * The need-ack messages of a message center that wait for their ack, and what became of the others: a view over
 * the center's ack tracker, taken with {@link MessageCenter#acks()}.
 *
 * <p>Every method may be called from any thread. The pending counts walk the pending messages or the peers, so read
 * them for gauges, health checks and endpoints, not per message; the outcome counts only grow, from the start of
 * the center.
 */
public interface AckTracking {

    /** Need-ack messages waiting for their ack, all peers together. */
    int pending();

    /** Need-ack messages to one peer waiting for their ack; 0 for a peer the node keeps no state for. */
    int pending(PeerAddress peer);

    /** Need-ack messages waiting for their ack by peer, for every peer with at least one; a snapshot. */
    Map<PeerAddress, Integer> pendingByPeer();

    /** Need-ack messages acknowledged by their peer. */
    long acked();

    /** Need-ack messages written at least once that failed with {@code ACK_TIMEOUT}: no ack came in time. */
    long timedOut();

    /** Need-ack messages never written before their deadline, failed with {@code PEER_UNREACHABLE}. */
    long unreachable();

    /** Need-ack sends refused at once with {@code TOO_MANY_PENDING_ACKS}: the pending limits were reached. */
    long refused();

    /** Need-ack frames written again for want of an ack. */
    long retries();

}
