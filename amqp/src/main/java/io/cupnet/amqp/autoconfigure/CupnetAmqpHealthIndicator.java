package io.cupnet.amqp.autoconfigure;

import io.cupnet.amqp.AmqpTransport;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the broker transport UP while it runs with its connection to the broker open and the consumers of its
 * topic taking deliveries, DOWN when the connection is lost or no consumer runs, and OUT_OF_SERVICE when it is
 * not running; the details give the broker, the connection, the served topic and server, the consumers and the
 * need-ack sends waiting for their ack.
 */
public class CupnetAmqpHealthIndicator implements HealthIndicator {

    private final AmqpTransport transport;

    /**
     * An indicator of one broker transport.
     * @param transport the transport whose connection and consumers it reports
     */
    public CupnetAmqpHealthIndicator(AmqpTransport transport) {
        this.transport = transport;
    }

    @Override
    public Health health() {
        Health.Builder builder = status();
        builder.withDetail("broker", this.transport.brokerAddress())
            .withDetail("connection", this.transport.isConnected() ? "open" : "closed")
            .withDetail("server", this.transport.settings().server());
        if (this.transport.settings().topic() != null) {
            builder.withDetail("topic", this.transport.settings().topic())
                .withDetail("consumers", this.transport.activeConsumers())
                .withDetail("concurrency", this.transport.expectedConsumers());
        }
        return builder.withDetail("pendingAcks", this.transport.pendingAcks()).build();
    }

    private Health.Builder status() {
        if (!this.transport.isRunning()) {
            return Health.outOfService();
        }
        if (!this.transport.isConnected()) {
            return Health.down().withDetail("error", "the connection to the broker is lost");
        }
        if (this.transport.expectedConsumers() > 0 && this.transport.activeConsumers() == 0) {
            return Health.down().withDetail("error", "no consumer of topic " + this.transport.settings().topic()
                    + " runs: nothing of it is handled on this node");
        }
        return Health.up();
    }

}
