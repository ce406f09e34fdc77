package io.cupnet.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.cupnet.MessageHandler;
import io.cupnet.spring.core.CupnetServer;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A node's broker transport: declares its exchanges and queues, consumes the topic it serves into its
 * {@link MessageHandler}, and sends through {@link #sender()}. It owns the connection factory it is given,
 * which must have correlated publisher confirms and publisher returns; declarations are repeated on every
 * new connection, so they survive broker restarts.
 *
 * <p>Stop cancels the consumers, lets running handlers finish and settle their deliveries, hands prefetched
 * deliveries that no handler started back to the broker at once, then fails need-ack sends still waiting
 * with {@code SHUTDOWN}.
 */
public class AmqpTransport implements SmartLifecycle, DisposableBean {

    /** After the TCP server, whose start prepares the {@code @MessageListener} router, and stopped before it. */
    public static final int PHASE = CupnetServer.PHASE + 1;

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final CachingConnectionFactory connectionFactory;

    private final AmqpSettings settings;

    private final AmqpNames names;

    private final AmqpTopology topology;

    private final AmqpMessageSender sender;

    private final ScheduledThreadPoolExecutor timer;

    private final SimpleMessageListenerContainer replies;

    private final SimpleMessageListenerContainer consumers;

    private AmqpReceiver receiver;

    private volatile boolean running;

    /**
     * A transport over {@code connectionFactory} with {@code settings}, whose served topic's messages go to
     * {@code handler}; with a {@code null} handler or no topic, it only sends.
     */
    public AmqpTransport(CachingConnectionFactory connectionFactory, AmqpSettings settings, MessageHandler handler) {
        this.connectionFactory = connectionFactory;
        this.settings = settings;
        this.names = new AmqpNames(settings.prefix());
        this.topology = new AmqpTopology(this.names, settings, connectionFactory);
        CustomizableThreadFactory threads = new CustomizableThreadFactory("cupnet-amqp-timer-");
        threads.setDaemon(true);
        this.timer = new ScheduledThreadPoolExecutor(1, threads);
        this.timer.setRemoveOnCancelPolicy(true);
        String replyQueue = this.names.replyQueue(settings.server(), UUID.randomUUID().toString().substring(0, 8));
        this.sender = new AmqpMessageSender(this.names, settings, publishingTemplate(connectionFactory), this.topology,
                new PendingBrokerAcks(this.timer, settings.ackTimeout()),
                new PublishRetries(this.timer, settings.sendTimeout(), broker(connectionFactory),
                        PublishRetries.MAX_WAITING), replyQueue);
        this.replies = container(connectionFactory, List.of(replyQueue), AcknowledgeMode.NONE, 1, "cupnet-amqp-acks-");
        this.replies.setMessageListener(this.sender::onAck);
        this.consumers = (handler != null && settings.topic() != null) ? consumers(handler) : null;
        connectionFactory.addConnectionListener((ConnectionListener) (connection) -> {
            if (this.running) {
                this.topology.declare(replyQueue);
            }
        });
    }

    private static String broker(CachingConnectionFactory connectionFactory) {
        return connectionFactory.getHost() + ":" + connectionFactory.getPort();
    }

    private static RabbitTemplate publishingTemplate(CachingConnectionFactory connectionFactory) {
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setMandatory(true);
        template.setReturnsCallback((returned) -> {
            // the returned message reaches its send through its CorrelationData
        });
        return template;
    }

    private SimpleMessageListenerContainer consumers(MessageHandler handler) {
        String topic = this.settings.topic();
        String server = this.settings.server();
        List<String> queues = new ArrayList<>(List.of(this.names.topicQueue(topic),
                this.names.serverQueue(topic, server), this.names.fanoutQueue(topic, server)));
        SimpleMessageListenerContainer container = container(this.connectionFactory, queues, AcknowledgeMode.MANUAL,
                this.settings.concurrency(), "cupnet-amqp-" + topic + "-");
        container.setPrefetchCount(this.settings.prefetch());
        container.setDefaultRequeueRejected(false);
        container.setForceStop(true);
        this.receiver = new AmqpReceiver(handler, this.settings, new RabbitTemplate(this.connectionFactory));
        container.setMessageListener(this.receiver);
        return container;
    }

    private static SimpleMessageListenerContainer container(CachingConnectionFactory connectionFactory,
            List<String> queues, AcknowledgeMode mode, int consumers, String threadPrefix) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(queues.toArray(String[]::new));
        container.setAcknowledgeMode(mode);
        container.setConcurrentConsumers(consumers);
        container.setMissingQueuesFatal(false);
        container.setShutdownTimeout(SHUTDOWN_TIMEOUT.toMillis());
        container.setTaskExecutor(new SimpleAsyncTaskExecutor(threadPrefix));
        container.afterPropertiesSet();
        return container;
    }

    /** The sender of this node's messages to topics, servers and fan-outs. */
    public AmqpMessageSender sender() {
        return this.sender;
    }

    /** The names of this node's exchanges and queues. */
    public AmqpNames names() {
        return this.names;
    }

    /** The settings this transport runs with, including the server id it made up when none was set. */
    public AmqpSettings settings() {
        return this.settings;
    }

    @Override
    public synchronized void start() {
        if (this.running) {
            return;
        }
        this.running = true;
        this.topology.declare(this.sender.replyQueue());
        this.replies.start();
        this.sender.start();
        if (this.consumers != null) {
            this.consumers.start();
        }
    }

    @Override
    public synchronized void stop() {
        if (!this.running) {
            return;
        }
        if (this.consumers != null) {
            this.consumers.stop();
        }
        this.sender.stop();
        this.replies.stop();
        this.running = false;
    }

    /**
     * Whether the calling thread is running a handler on a message that came over the broker rather than over TCP,
     * for a listener that wants to know the transport of its message.
     */
    public static boolean isBrokerDelivery() {
        return AmqpReceiver.isHandling();
    }

    /** The number of redelivered need-ack messages this node had handled before, acked again without handling. */
    public long redeliveriesAckedAgain() {
        return (this.receiver != null) ? this.receiver.duplicates() : 0;
    }

    /** Whether its consumers are taking deliveries: false as soon as a stop began. */
    boolean isConsuming() {
        return this.consumers != null && this.consumers.isActive();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Stops, then closes the connection factory and the timer. */
    @Override
    public void destroy() {
        stop();
        if (this.consumers != null) {
            this.consumers.destroy();
        }
        this.replies.destroy();
        this.timer.shutdownNow();
        this.connectionFactory.destroy();
    }

}
