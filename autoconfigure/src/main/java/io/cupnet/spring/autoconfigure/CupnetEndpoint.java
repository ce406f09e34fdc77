package io.cupnet.spring.autoconfigure;

import java.time.Instant;
import java.util.List;

import io.cupnet.AckTracking;
import io.cupnet.Connections;
import io.cupnet.MessageCenter;
import io.cupnet.PeerAddress;
import io.cupnet.PeerSnapshot;
import io.cupnet.spring.core.CupnetServer;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code cupnet} actuator endpoint: a read lists the node's connections and peers
 * ({@code GET /actuator/cupnet}); a write closes one peer's connections
 * ({@code POST /actuator/cupnet/{ip:port}}), which the node reopens on its next send to it. Both go through the
 * {@link Connections} and {@link AckTracking} views.
 */
@Endpoint(id = "cupnet")
public class CupnetEndpoint {

    private final CupnetServer server;

    private final Connections connections;

    private final AckTracking acks;

    /**
     * An endpoint that reads the server's own views of the current center.
     * @param server the cupnet server
     */
    public CupnetEndpoint(CupnetServer server) {
        this(server, server.connections(), server.acks());
    }

    /**
     * An endpoint that reads and acts through the given views, such as the application's {@code Connections} and
     * {@code AckTracking} beans.
     * @param server the cupnet server, for its state and address
     * @param connections the connections of the current center
     * @param acks the pending acks of the current center
     */
    public CupnetEndpoint(CupnetServer server, Connections connections, AckTracking acks) {
        this.server = server;
        this.connections = connections;
        this.acks = acks;
    }

    /** The node's state and address, its pending acks and one row per connection or disconnected peer. */
    @ReadOperation
    public NodeDescriptor node() {
        MessageCenter center = this.server.getMessageCenter();
        if (center == null) {
            return new NodeDescriptor("NOT_STARTED", null, 0, List.of());
        }
        String address = (center.boundAddress() != null) ? center.localAddress().toString() : null;
        return new NodeDescriptor(center.state().name(), address, this.acks.pending(),
                this.connections.peers().stream().map(PeerDescriptor::of).toList());
    }

    /**
     * Closes the outbound connection to a peer and the inbound ones it opened.
     * @param peer the peer's listening address, {@code ip:port}
     */
    @WriteOperation
    public ClosedDescriptor closePeer(@Selector String peer) {
        PeerAddress address;
        try {
            address = PeerAddress.parse(peer);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidEndpointRequestException("'" + peer + "' is not a peer address: " + ex.getMessage()
                    + "; use ip:port, such as 127.0.0.1:7100", "Invalid peer address");
        }
        this.server.requireMessageCenter();
        return new ClosedDescriptor(address.toString(), this.connections.closePeer(address));
    }

    /**
     * What the read operation answers.
     * @param state the lifecycle state of the message center
     * @param address the address this node gives its peers
     * @param pendingAcks need-ack messages waiting for their ack
     * @param peers one row per open connection, and per outbound peer without one
     */
    public record NodeDescriptor(String state, String address, int pendingAcks, List<PeerDescriptor> peers)
            implements OperationResponseBody {
    }

    /**
     * One connection, or one outbound peer without a connection.
     * @param peer the peer's listening address, {@code null} until an inbound connection's first frame
     * @param remoteAddress the remote socket address of the connection
     * @param direction INBOUND or OUTBOUND
     * @param state CONNECTED or DISCONNECTED
     * @param queueDepth frames waiting in the peer's send queue (outbound only)
     * @param lastActivity when the connection last read or wrote
     */
    public record PeerDescriptor(String peer, String remoteAddress, String direction, String state, int queueDepth,
            Instant lastActivity) {

        static PeerDescriptor of(PeerSnapshot snapshot) {
            return new PeerDescriptor((snapshot.peer() != null) ? snapshot.peer().toString() : null,
                    snapshot.remoteAddress(), snapshot.direction().name(), snapshot.state().name(),
                    snapshot.queueDepth(), snapshot.lastActivity());
        }

    }

    /**
     * What the write operation answers.
     * @param peer the peer whose connections were closed
     * @param closedConnections how many connections closed, 0 when none was open
     */
    public record ClosedDescriptor(String peer, int closedConnections) implements OperationResponseBody {
    }

}
