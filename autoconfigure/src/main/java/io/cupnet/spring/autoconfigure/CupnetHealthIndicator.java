package io.cupnet.spring.autoconfigure;

import java.net.InetSocketAddress;
import java.util.Map;

import io.cupnet.Lane;
import io.cupnet.MessageCenter;
import io.cupnet.PeerSnapshot.Direction;
import io.cupnet.spring.core.CupnetServer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the cupnet node UP while it runs, OUT_OF_SERVICE while it drains or after it
 * stopped, and DOWN when it failed to start (a port already taken, for example); the details
 * give its bound and advertised addresses, open connections, pending acks and queue depths.
 */
public class CupnetHealthIndicator implements HealthIndicator {

    private final CupnetServer server;

    public CupnetHealthIndicator(CupnetServer server) {
        this.server = server;
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

    private static void withTraffic(Health.Builder builder, MessageCenter center) {
        InetSocketAddress bound = center.boundAddress();
        builder.withDetail("address", center.localAddress().toString())
            .withDetail("boundAddress", bound.getAddress().getHostAddress() + ":" + bound.getPort())
            .withDetail("connections", Map.of("inbound", center.openConnections(Direction.INBOUND), "outbound",
                    center.openConnections(Direction.OUTBOUND)))
            .withDetail("pendingAcks", center.pendingAcks())
            .withDetail("sendQueueDepth", Map.of("urgent", center.sendQueueDepth(Lane.URGENT), "normal",
                    center.sendQueueDepth(Lane.NORMAL)))
            .withDetail("receiveQueueDepth", center.receiveQueueSize())
            .withDetail("readsPaused", center.isReadingPaused());
    }

}
