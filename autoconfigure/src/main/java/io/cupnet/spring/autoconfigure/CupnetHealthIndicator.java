package io.cupnet.spring.autoconfigure;

import io.cupnet.spring.core.CupnetServer;
import io.cupnet.transport.MessageCenter;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the cupnet node UP while its message center runs, with its address, open
 * connections, pending acks and receive queue size; DOWN otherwise.
 */
public class CupnetHealthIndicator implements HealthIndicator {

    private final CupnetServer server;

    public CupnetHealthIndicator(CupnetServer server) {
        this.server = server;
    }

    @Override
    public Health health() {
        MessageCenter center = this.server.getMessageCenter();
        if (center == null) {
            return Health.down().withDetail("state", "NOT_STARTED").build();
        }
        MessageCenter.State state = center.state();
        Health.Builder builder = (state == MessageCenter.State.RUNNING) ? Health.up() : Health.down();
        builder.withDetail("state", state.name());
        if (state == MessageCenter.State.RUNNING) {
            builder.withDetail("address", center.localAddress().toString())
                .withDetail("openConnections", center.openConnections())
                .withDetail("pendingAcks", center.pendingAcks())
                .withDetail("receiveQueueSize", center.receiveQueueSize())
                .withDetail("readingPaused", center.isReadingPaused());
        }
        return builder.build();
    }

}
