package io.cupnet.spring.autoconfigure;

import java.net.InetSocketAddress;
import java.util.Map;

import io.cupnet.AckTracking;
import io.cupnet.Connections;
import io.cupnet.Lane;
import io.cupnet.MessageCenter;
import io.cupnet.PeerSnapshot.Direction;
import io.cupnet.spring.core.CupnetServer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the cupnet node UP while it runs, OUT_OF_SERVICE while it drains or after it
 * stopped, and DOWN when it failed to start (a port already taken, for example); the details
 * give its bound and advertised addresses, open connections, pending acks and queue depths, read from the
 * {@link Connections} and {@link AckTracking} views.
 */
public class CupnetHealthIndicator implements HealthIndicator {

    private final CupnetServer server;

    private final Connections connections;

    private final AckTracking acks;

    /**
     * An indicator that reads the server's own views of the current center.
     * @param server the cupnet server
     */
    public CupnetHealthIndicator(CupnetServer server) {
        this(server, server.connections(), server.acks());
    }

    /**
     * An indicator that reads the given views, such as the application's {@code Connections} and
     * {@code AckTracking} beans.
     * @param server the cupnet server, for its state and addresses
     * @param connections the connections of the current center
     * @param acks the pending acks of the current center
     */
    public CupnetHealthIndicator(CupnetServer server, Connections connections, AckTracking acks) {
        this.server = server;
        this.connections = connections;
        this.acks = acks;
    }

    @Override
    public Health health() {
        MessageCenter center = this.server.getMessageCenter();
        if (center == null || center.state() == MessageCenter.State.FAILED) {
            return notRunning(center);
        }
        Health.Builder builder = switch (center.state()) {
            case RUNNING -> Health.up();
            case STOPPING, TERMINATED -> Health.outOfService();
            default -> Health.unknown();
        };
        builder.withDetail("state", center.state().name());
        if (center.boundAddress() != null) {
            withTraffic(builder, center);
        }
        return builder.build();
    }

    private Health notRunning(MessageCenter center) {
        RuntimeException failure = this.server.getStartFailure();
        Health.Builder builder = (failure != null) ? Health.down(failure) : Health.unknown();
        return builder.withDetail("state", (center != null) ? center.state().name() : "NOT_STARTED").build();
    }

    private void withTraffic(Health.Builder builder, MessageCenter center) {
        InetSocketAddress bound = center.boundAddress();
        builder.withDetail("address", center.localAddress().toString())
            .withDetail("boundAddress", bound.getAddress().getHostAddress() + ":" + bound.getPort())
            .withDetail("connections", Map.of("inbound", this.connections.openConnections(Direction.INBOUND),
                    "outbound", this.connections.openConnections(Direction.OUTBOUND)))
            .withDetail("pendingAcks", this.acks.pending())
            .withDetail("sendQueueDepth", Map.of("urgent", this.connections.sendQueueDepth(Lane.URGENT), "normal",
                    this.connections.sendQueueDepth(Lane.NORMAL)))
            .withDetail("receiveQueueDepth", center.receiveQueueSize())
            .withDetail("readsPaused", this.connections.isReadingPaused());
    }

}
