package io.cupnet.docs;

import io.cupnet.AckTracking;
import io.cupnet.Connections;
import io.cupnet.Lane;
import io.cupnet.MessageCenter;
import io.cupnet.PeerAddress;
import io.cupnet.PeerSnapshot.Direction;

/** The views example of docs/core.md; {@link DocsSnippetsTest} checks that the page shows this code. */
final class PlainJavaViews {

    private PlainJavaViews() {
    }

    static void read(MessageCenter center, PeerAddress peer) {
        // tag::views[]
        Connections connections = center.connections();
        connections.peers();                              // a PeerSnapshot per connection and per unconnected peer
        connections.peerCount();                          // outbound peers whose state the node keeps
        connections.openConnections(Direction.INBOUND);   // open connections in one direction (all: openConnections())
        connections.sendQueueDepth(Lane.URGENT);          // frames waiting in one lane of every send queue
        connections.isReadingPaused();                    // whether the receive queue passed a high watermark
        connections.closePeer(PeerAddress.parse("10.0.0.7:7070"));   // both directions; reopened on the next send

        AckTracking acks = center.acks();
        acks.pending();                                   // need-ack messages waiting for their ack
        acks.pending(peer);                               // ... to one peer
        acks.pendingByPeer();                             // Map<PeerAddress, Integer>, peers with at least one
        acks.acked();                                     // outcome counts since start: acked,
        acks.timedOut();                                  //   ACK_TIMEOUT (written at least once, no ack),
        acks.unreachable();                               //   PEER_UNREACHABLE (never written),
        acks.refused();                                   //   TOO_MANY_PENDING_ACKS,
        acks.retries();                                   //   and frames written again
        // end::views[]
    }

}
