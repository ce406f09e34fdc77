package io.cupnet.bench.amqp;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.Channel;
import io.cupnet.amqp.AmqpSettings;
import io.cupnet.bench.BenchOptions;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.connection.CorrelationData.Confirm;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Spring AMQP alone, doing the broker work cupnet does: a {@link RabbitTemplate} with correlated publisher
 * confirms and mandatory publishes to a durable direct exchange bound to a durable queue, and a
 * {@link SimpleMessageListenerContainer} with cupnet's prefetch and consumer count and MANUAL acknowledgement
 * counts each delivery and acks it. One-way messages are non-persistent and finished once confirmed and
 * handled; need-ack messages are persistent, name the sender's reply queue (exclusive, auto-delete), and the
 * listener first sends a non-persistent ack message with the same message id there through the default
 * exchange, which a container with no acknowledgement on the sender's connection counts. No cupnet headers,
 * no correlation of acks with sends, no timers.
 */
public final class SpringAmqpBaseline extends BrokerContender {

    private static final String PREFIX = "spring-amqp-bench";

    private static final byte[] ACK_BODY = { '0' };

    private final int prefetch = AmqpSettings.builder().build().prefetch();

    private final AtomicLong ids = new AtomicLong();

    /** The exchange, and the queue bound to it, of this contender alone. */
    private final String exchange = PREFIX + "." + this.topic;

    private CachingConnectionFactory receiverConnection;

    private CachingConnectionFactory senderConnection;

    private SimpleMessageListenerContainer consumer;

    private SimpleMessageListenerContainer replies;

    private RabbitTemplate template;

    private String replyQueue;

    /** Creates the contender of {@code bench}'s scenario on {@code broker}. */
    public SpringAmqpBaseline(BenchOptions bench, AmqpBroker broker) {
        super(bench, broker);
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public String describe() {
        return "Spring AMQP alone: a SimpleMessageListenerContainer (1 consumer, prefetch " + this.prefetch
                + ", MANUAL acks after counting" + (this.needAck ? "; an ack message to the reply queue first" : "")
                + ") on a durable queue bound to a durable direct exchange, and a RabbitTemplate (correlated confirms, "
                + "mandatory, " + (this.needAck ? "persistent, acks counted by a container on an exclusive reply queue"
                        : "non-persistent")
                + "), each side with its own connection; " + describeLoad();
    }

    @Override
    protected void start() {
        this.receiverConnection = this.broker.connectionFactory("spring-amqp-bench-receiver");
        RabbitAdmin admin = new RabbitAdmin(this.receiverConnection);
        DirectExchange direct = new DirectExchange(this.exchange, true, false);
        admin.declareExchange(direct);
        Queue durable = new Queue(this.exchange, true, false, false);
        admin.declareQueue(durable);
        admin.declareBinding(BindingBuilder.bind(durable).to(direct).with(this.topic));
        RabbitTemplate ackTemplate = new RabbitTemplate(this.receiverConnection);
        this.consumer = container(this.receiverConnection, this.exchange, AcknowledgeMode.MANUAL,
                "spring-amqp-consumer-");
        this.consumer.setPrefetchCount(this.prefetch);
        this.consumer.setDefaultRequeueRejected(false);
        this.consumer.setMessageListener((ChannelAwareMessageListener) (message, channel) -> receive(message, channel,
                ackTemplate));
        this.consumer.start();

        this.senderConnection = this.broker.connectionFactory("spring-amqp-bench-sender");
        this.replyQueue = PREFIX + "-reply." + UUID.randomUUID().toString().substring(0, 8);
        new RabbitAdmin(this.senderConnection).declareQueue(new Queue(this.replyQueue, false, true, true));
        this.replies = container(this.senderConnection, this.replyQueue, AcknowledgeMode.NONE, "spring-amqp-acks-");
        this.replies.setMessageListener((message) -> this.acked.incrementAndGet());
        this.replies.start();
        this.template = new RabbitTemplate(this.senderConnection);
        this.template.setMandatory(true);
        this.template.setReturnsCallback((returned) -> {
            // a returned message reaches its send through its CorrelationData
        });
    }

    private static SimpleMessageListenerContainer container(CachingConnectionFactory connection, String queue,
            AcknowledgeMode mode, String threadPrefix) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connection);
        container.setQueueNames(queue);
        container.setAcknowledgeMode(mode);
        container.setConcurrentConsumers(1);
        container.setTaskExecutor(new SimpleAsyncTaskExecutor(threadPrefix));
        container.afterPropertiesSet();
        return container;
    }

    private void receive(Message message, Channel channel, RabbitTemplate ackTemplate) throws IOException {
        this.handled.incrementAndGet();
        MessageProperties properties = message.getMessageProperties();
        if (this.needAck) {
            MessageProperties ack = new MessageProperties();
            ack.setContentType(MessageProperties.CONTENT_TYPE_BYTES);
            ack.setMessageId(properties.getMessageId());
            ack.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
            ackTemplate.send("", properties.getReplyTo(), new Message(ACK_BODY, ack));
        }
        channel.basicAck(properties.getDeliveryTag(), false);
    }

    @Override
    public void sendOne() {
        checkFailure();
        String id = Long.toString(this.ids.incrementAndGet());
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_BYTES);
        properties.setMessageId(id);
        properties.setDeliveryMode(this.needAck ? MessageDeliveryMode.PERSISTENT : MessageDeliveryMode.NON_PERSISTENT);
        if (this.needAck) {
            properties.setReplyTo(this.replyQueue);
        }
        CorrelationData correlation = new CorrelationData(id);
        this.template.send(this.exchange, this.topic, new Message(this.body, properties), correlation);
        correlation.getFuture().whenComplete((confirm, ex) -> confirmed(correlation, confirm, ex));
    }

    private void confirmed(CorrelationData correlation, Confirm confirm, Throwable ex) {
        if (ex != null) {
            failed(ex);
        }
        else if (correlation.getReturned() != null) {
            failed(new IllegalStateException("The broker returned message " + correlation.getId() + ": "
                    + correlation.getReturned().getReplyText()));
        }
        else if (!confirm.ack()) {
            failed(new IllegalStateException("The broker nacked message " + correlation.getId() + ": "
                    + confirm.reason()));
        }
        else if (!this.needAck) {
            this.confirmed.incrementAndGet();
        }
    }

    /** Stops both containers, deletes the queue and exchange, and closes both connections. */
    @Override
    public void close() {
        if (this.replies != null) {
            this.replies.stop();
            this.replies.destroy();
        }
        if (this.consumer != null) {
            this.consumer.stop();
            RabbitAdmin admin = new RabbitAdmin(this.receiverConnection);
            admin.deleteQueue(this.exchange);
            admin.deleteExchange(this.exchange);
            this.consumer.destroy();
        }
        if (this.senderConnection != null) {
            this.senderConnection.destroy();
        }
        if (this.receiverConnection != null) {
            this.receiverConnection.destroy();
        }
    }

}
