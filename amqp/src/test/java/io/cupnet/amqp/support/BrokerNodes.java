package io.cupnet.amqp.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.cupnet.MessageHandler;
import io.cupnet.amqp.AmqpSettings;
import io.cupnet.amqp.AmqpTransport;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Broker transports of one test, each with its own connection to the {@link PrivateBroker}, all closed
 * by {@link #close()}; plus a plain {@link RabbitTemplate} and {@link RabbitAdmin} to look at queues.
 */
public final class BrokerNodes implements AutoCloseable {

    private final List<AmqpTransport> nodes = new ArrayList<>();

    private final CachingConnectionFactory inspection = connectionFactory();

    /** A topic name no other test uses. */
    public static String uniqueTopic(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A connection factory to the private broker with publisher confirms and returns, as the transport needs. */
    public static CachingConnectionFactory connectionFactory() {
        CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1",
                BrokerExtension.broker().amqpPort());
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setPublisherConfirmType(ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        return factory;
    }

    /** A started node whose messages go to {@code handler}, with the settings {@code settings} adds. */
    public AmqpTransport start(MessageHandler handler, Consumer<AmqpSettings.Builder> settings) {
        return start(connectionFactory(), handler, settings);
    }

    /** A started node on {@code connectionFactory}, which it closes; otherwise as {@code start(handler, settings)}. */
    public AmqpTransport start(CachingConnectionFactory connectionFactory, MessageHandler handler,
            Consumer<AmqpSettings.Builder> settings) {
        AmqpSettings.Builder builder = AmqpSettings.builder().retryBackoff(Duration.ZERO);
        settings.accept(builder);
        AmqpTransport node = new AmqpTransport(connectionFactory, builder.build(), handler);
        this.nodes.add(node);
        node.start();
        return node;
    }

    /** A started node that serves no topic and only sends. */
    public AmqpTransport sender() {
        return start(null, (settings) -> { });
    }

    /** A template on a connection of its own, to read queues directly. */
    public RabbitTemplate template() {
        return new RabbitTemplate(this.inspection);
    }

    /** An admin on a connection of its own. */
    public RabbitAdmin admin() {
        return new RabbitAdmin(this.inspection);
    }

    @Override
    public void close() {
        this.nodes.forEach(AmqpTransport::destroy);
        this.inspection.destroy();
    }

}
