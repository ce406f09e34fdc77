package io.cupnet.bench.amqp;

import io.cupnet.DeliveryResult;
import io.cupnet.amqp.AmqpMessageSender;
import io.cupnet.amqp.AmqpSettings;
import io.cupnet.amqp.AmqpTarget;
import io.cupnet.amqp.AmqpTransport;
import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.cupnet.CupnetNodes;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * cupnet over the broker: a receiving node ({@link AmqpTransport} serving a topic, whose handler counts the
 * messages) and a sending node ({@link AmqpTransport} serving none) whose {@link AmqpMessageSender} sends to
 * the topic, each with its own connection. One-way sends complete {@code SENT} on the publisher confirm;
 * need-ack sends complete {@code ACKED} once the receiver's ack came back on the sender's reply queue.
 */
public final class CupnetBrokerContender extends BrokerContender {

    private CachingConnectionFactory receiverConnection;

    private AmqpTransport receiver;

    private AmqpTransport sender;

    private AmqpTarget target;

    /** Creates the contender of {@code bench}'s scenario on {@code broker}. */
    public CupnetBrokerContender(BenchOptions bench, AmqpBroker broker) {
        super(bench, broker);
    }

    @Override
    public String name() {
        return "cupnet";
    }

    @Override
    public String describe() {
        AmqpSettings defaults = AmqpSettings.builder().build();
        return "a receiving node (AmqpTransport serving the topic with its defaults: " + defaults.concurrency()
                + " consumer, prefetch " + defaults.prefetch() + ", manual broker acks after its handler, which "
                + "counts, returned" + (this.needAck ? "; the CUP ack to the sender's reply queue first" : "")
                + ") and a sending node (AmqpTransport serving no topic; AmqpMessageSender.send(AmqpTarget.topic(..)), "
                + "correlated confirms and mandatory, " + (this.needAck ? "persistent, ACKED on the ack"
                        : "non-persistent, SENT on the confirm")
                + "), each with its own connection; " + describeLoad();
    }

    @Override
    protected void start() {
        this.receiverConnection = this.broker.connectionFactory("cupnet-bench-receiver");
        this.receiver = new AmqpTransport(this.receiverConnection, AmqpSettings.builder().topic(this.topic).build(),
                (message, acknowledgment) -> this.handled.incrementAndGet());
        this.receiver.start();
        this.sender = new AmqpTransport(this.broker.connectionFactory("cupnet-bench-sender"),
                AmqpSettings.builder().build(), null);
        this.sender.start();
        this.target = AmqpTarget.topic(this.topic);
    }

    @Override
    public void sendOne() {
        checkFailure();
        this.sender.sender().send(this.target, CupnetNodes.BENCH_TYPE, this.body, this.needAck)
            .whenComplete(this::completed);
    }

    private void completed(DeliveryResult result, Throwable failure) {
        if (failure != null) {
            failed(failure);
        }
        else if (this.needAck) {
            this.acked.incrementAndGet();
        }
        else {
            this.confirmed.incrementAndGet();
        }
    }

    /** Stops both nodes and deletes the topic's durable queues, which would outlive the run on an existing broker. */
    @Override
    public void close() {
        if (this.sender != null) {
            this.sender.destroy();
        }
        if (this.receiver != null) {
            this.receiver.stop();
            RabbitAdmin admin = new RabbitAdmin(this.receiverConnection);
            admin.deleteQueue(this.receiver.names().topicQueue(this.topic));
            admin.deleteQueue(this.receiver.names().deadLetterQueue(this.topic));
            this.receiver.destroy();
        }
    }

}
