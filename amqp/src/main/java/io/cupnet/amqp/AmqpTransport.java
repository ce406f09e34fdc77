package io.cupnet.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;

import io.cupnet.CupMessage;
import io.cupnet.MessageHandler;
import io.cupnet.PeerAddress;
import io.cupnet.spring.core.CupnetServer;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
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
 * <p>Stop stops taking deliveries, lets running handlers (also those on a listener's own threads) finish and
 * settle their deliveries, cancels the consumers, which hands deliveries that no handler started back to the
 * broker at once, then fails need-ack sends still waiting with {@code SHUTDOWN}, and ends the publisher thread
 * (see {@link ChannelPublisher}) once it published the acks and replies still queued; sends still queued fail with
 * {@code SHUTDOWN}.
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

    private final ChannelPublisher publisher;

    private final ScheduledThreadPoolExecutor timer;

    private final AmqpStats stats = new AmqpStats();

    private final PendingBrokerAcks pendingAcks;

    private final SimpleMessageListenerContainer replies;

    private final SimpleMessageListenerContainer consumers;

    private final AmqpReceiver receiver;

    private volatile boolean running;

    /** The latest connection to the broker, whose state tells whether the broker is reachable. */
    private volatile Connection connection;

    /**
     * A transport over {@code connectionFactory} with {@code settings}, whose served topic's messages go to
     * {@code handler}; with a {@code null} handler or no topic, it only sends.
     */
    public AmqpTransport(CachingConnectionFactory connectionFactory, AmqpSettings settings, MessageHandler handler) {
        this(connectionFactory, settings, handler, settings::localAddress);
    }

    /**
     * A transport as above whose messages carry the sender address {@code localAddress} gives at each send, such as
     * the CUP address of the node's TCP server, known once that server started.
     */
    public AmqpTransport(CachingConnectionFactory connectionFactory, AmqpSettings settings, MessageHandler handler,
            Supplier<PeerAddress> localAddress) {
        this.connectionFactory = connectionFactory;
        this.settings = settings;
        this.names = new AmqpNames(settings.prefix());
        this.topology = new AmqpTopology(this.names, settings, connectionFactory);
        CustomizableThreadFactory threads = new CustomizableThreadFactory("cupnet-amqp-timer-");
        threads.setDaemon(true);
        this.timer = new ScheduledThreadPoolExecutor(1, threads);
        this.timer.setRemoveOnCancelPolicy(true);
        String replyQueue = this.names.replyQueue(settings.server(), UUID.randomUUID().toString().substring(0, 8));
        this.pendingAcks = new PendingBrokerAcks(this.timer, settings.ackTimeout(), this.stats);
        PublishRetries retries = new PublishRetries(this.timer, settings.sendTimeout(), broker(connectionFactory),
                PublishRetries.MAX_WAITING);
        this.publisher = new ChannelPublisher(publishingTemplate(connectionFactory, this.stats),
                ChannelPublisher.MAX_QUEUED);
        this.sender = new AmqpMessageSender(this.names, settings, this.publisher, this.topology, this.pendingAcks,
                new PendingBrokerReplies(this.timer), retries, replyQueue, localAddress, this::onReply, this.stats);
        this.replies = container(connectionFactory, List.of(replyQueue), AcknowledgeMode.NONE, 1,
                "cupnet-amqp-replies-");
        this.replies.setMessageListener(this.sender::onReplyQueueMessage);
        this.receiver = (handler != null) ? new AmqpReceiver(handler, settings, this.publisher, this.timer,
                this.stats) : null;
        this.consumers = (this.receiver != null && settings.topic() != null) ? consumers(this.receiver) : null;
        connectionFactory.addConnectionListener((ConnectionListener) (created) -> {
            this.connection = created;
            if (this.running) {
                this.topology.declare(replyQueue);
            }
        });
    }

    private static String broker(CachingConnectionFactory connectionFactory) {
        return connectionFactory.getHost() + ":" + connectionFactory.getPort();
    }

    /**
     * The template of the publisher thread: its callbacks only count the sends' confirms and returns (each send reads
     * its outcome from its CorrelationData); acks and replies, which carry no CorrelationData and go through the
     * default exchange to a reply queue, are not counted.
     */
    private static RabbitTemplate publishingTemplate(CachingConnectionFactory connectionFactory, AmqpStats stats) {
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setMandatory(true);
        template.setReturnsCallback((returned) -> {
            if (!returned.getExchange().isEmpty()) {
                stats.returned();
            }
        });
        template.setConfirmCallback((correlation, ack, cause) -> {
            if (correlation != null) {
                stats.confirmed(ack);
            }
        });
        return template;
    }

    private SimpleMessageListenerContainer consumers(AmqpReceiver receiver) {
        String topic = this.settings.topic();
        String server = this.settings.server();
        List<String> queues = new ArrayList<>(List.of(this.names.topicQueue(topic),
                this.names.serverQueue(topic, server), this.names.fanoutQueue(topic, server)));
        SimpleMessageListenerContainer container = container(this.connectionFactory, queues, AcknowledgeMode.MANUAL,
                this.settings.concurrency(), "cupnet-amqp-" + topic + "-");
        container.setPrefetchCount(this.settings.prefetch());
        container.setDefaultRequeueRejected(false);
        container.setForceStop(true);
        container.setMessageListener(receiver);
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

    /** Hands a reply that answers no waiting request to the node's handler, as a reply over TCP is. */
    private void onReply(CupMessage reply) {
        if (this.receiver != null) {
            this.receiver.onReply(reply);
        }
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
        if (this.receiver != null) {
            this.receiver.resumeTaking();
        }
        this.topology.declare(this.sender.replyQueue());
        this.replies.start();
        this.publisher.start();
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
            this.receiver.stopTaking(SHUTDOWN_TIMEOUT);
            this.consumers.stop();
        }
        this.sender.stop();
        this.publisher.stop();
        this.replies.stop();
        this.running = false;
    }

    /** The number of redelivered need-ack messages this node had handled before, acked again without handling. */
    public long redeliveriesAckedAgain() {
        return this.stats.redeliveriesAckedAgain();
    }

    /** The counters of this transport's sends, deliveries, confirms, returns, redeliveries and dead letters. */
    public AmqpStats stats() {
        return this.stats;
    }

    /** Whether the connection to the broker is open: false before the first one and from its loss to the next. */
    public boolean isConnected() {
        Connection current = this.connection;
        return current != null && current.isOpen();
    }

    /** The broker this transport connects to, as {@code host:port}. */
    public String brokerAddress() {
        return this.connectionFactory.getHost() + ":" + this.connectionFactory.getPort();
    }

    /** The number of consumers taking deliveries of the served topic; 0 when it serves none or is stopped. */
    public int activeConsumers() {
        return (this.consumers != null) ? this.consumers.getActiveConsumerCount() : 0;
    }

    /** The number of consumers of the served topic when running: {@code concurrency}, or 0 when it serves none. */
    public int expectedConsumers() {
        return (this.consumers != null) ? this.settings.concurrency() : 0;
    }

    /** The number of need-ack sends waiting for the ack of the node that handled them. */
    public int pendingAcks() {
        return this.pendingAcks.size();
    }

    /** Whether its consumers are taking deliveries: false as soon as a stop began. */
    boolean isConsuming() {
        return this.consumers != null && this.consumers.isActive() && !this.receiver.isStopping();
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
