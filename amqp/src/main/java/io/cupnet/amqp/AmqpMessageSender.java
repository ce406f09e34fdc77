package io.cupnet.amqp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryException;
import io.cupnet.DeliveryException.Reason;
import io.cupnet.DeliveryResult;
import io.cupnet.DeliveryResult.Status;
import io.cupnet.MessageFlags;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.amqp.PublishRetries.Attempts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.connection.CorrelationData.Confirm;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Sends cupnet messages to {@link AmqpTarget}s through the broker, with publisher confirms and mandatory
 * routing. A plain send completes {@code SENT} once the broker confirmed and routed it; a need-ack send is
 * persistent and completes {@code ACKED} once a node's handler succeeded on it. Failures are
 * {@link DeliveryException}s: {@code NO_ROUTE} when no queue takes the target, {@code BROKER_REJECTED} on
 * a negative confirm, {@code CONNECTION_LOST} when the broker could not be reached (or the channel closed before
 * the confirm) for the whole send timeout, {@code QUEUE_FULL} when too many sends already wait for the broker,
 * {@code ACK_TIMEOUT}, {@code SHUTDOWN}. A publish that lost the broker is published again with a backoff until
 * the send timeout (see {@link PublishRetries}); a need-ack send's ack timeout starts at its confirm. Every future
 * completes exactly once.
 */
public final class AmqpMessageSender {

    private static final Log logger = LogFactory.getLog(AmqpMessageSender.class);

    private static final PeerAddress NO_ADDRESS = new PeerAddress(0, 0, 0, 0);

    private final AmqpNames names;

    private final AmqpSettings settings;

    private final RabbitTemplate template;

    private final AmqpTopology topology;

    private final PendingBrokerAcks acks;

    private final PublishRetries retries;

    private final String replyQueue;

    private final long idHigh = ThreadLocalRandom.current().nextLong();

    private final AtomicLong idLow = new AtomicLong();

    private volatile boolean running;

    AmqpMessageSender(AmqpNames names, AmqpSettings settings, RabbitTemplate template, AmqpTopology topology,
            PendingBrokerAcks acks, PublishRetries retries, String replyQueue) {
        this.names = names;
        this.settings = settings;
        this.template = template;
        this.topology = topology;
        this.acks = acks;
        this.retries = retries;
        this.replyQueue = replyQueue;
    }

    /** Sends a message of {@code type} with {@code body} to {@code target}, asking for an ack when {@code needAck}. */
    public CompletableFuture<DeliveryResult> send(AmqpTarget target, int type, byte[] body, boolean needAck) {
        CupMessage.Builder message = CupMessage.builder().to(NO_ADDRESS).type(type).body(body);
        return send(target, needAck ? message.needAck().build() : message.build());
    }

    /**
     * Sends {@code message} to {@code target}; its {@code to} travels as a header, its sender address and
     * uniq id are filled in when missing.
     */
    public CompletableFuture<DeliveryResult> send(AmqpTarget target, CupMessage message) {
        CupMessage complete = message.withOrigin((message.from() != null) ? message.from()
                : this.settings.localAddress(), (message.uniqId() != null) ? message.uniqId() : nextId());
        CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
        if (!this.running) {
            result.completeExceptionally(failure(Reason.NOT_RUNNING, complete, "the broker transport is not started"));
            return result;
        }
        if (complete.needsAck() && !this.acks.register(complete.uniqId(), complete.to(), result)) {
            result.completeExceptionally(failure(Reason.INVALID_MESSAGE, complete,
                    "a need-ack send with the same uniq id is still waiting for its ack; give each message its own id"));
            return result;
        }
        publish(target, complete, complete.needsAck(), result);
        return result;
    }

    /**
     * Publishes {@code message} as it is (type, flags, uniq id, body, {@code from} and {@code to}), as a bridge
     * forwards a frame: persistent when it needs an ack, completing {@code SENT} once the broker confirmed and
     * routed it. The node that handles it sends no ack back; the failures are those of {@link #send}.
     */
    public CompletableFuture<DeliveryResult> forward(AmqpTarget target, CupMessage message) {
        CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
        if (!message.hasUniqId() || message.from() == null) {
            throw new IllegalArgumentException("A forwarded message keeps its uniq id and sender, but " + message
                    + " lacks one; use send(..) for new messages");
        }
        if (!this.running) {
            result.completeExceptionally(failure(Reason.NOT_RUNNING, message, "the broker transport is not started"));
            return result;
        }
        publish(target, message, false, result);
        return result;
    }

    private void publish(AmqpTarget target, CupMessage message, boolean awaitAck,
            CompletableFuture<DeliveryResult> result) {
        Attempts attempts = this.retries.begin((reason, text) -> fail(message, awaitAck, result,
                failure(reason, message, text)));
        attempt(target, message, awaitAck, result, attempts);
    }

    /** Publishes once; a broker that cannot be reached leaves the next attempt to the retries. */
    private void attempt(AmqpTarget target, CupMessage message, boolean awaitAck,
            CompletableFuture<DeliveryResult> result, Attempts attempts) {
        if (this.retries.recentlyLost()) {
            this.retries.defer(attempts, () -> attempt(target, message, awaitAck, result, attempts));
            return;
        }
        Message amqp = AmqpMessageCodec.encode(message, awaitAck ? this.replyQueue : null);
        CorrelationData correlation = new CorrelationData(message.uniqId() + "/" + this.idLow.incrementAndGet());
        try {
            if (target.fanout()) {
                this.topology.ensureFanoutExchange(target.topic());
                this.template.send(this.names.fanoutExchange(target.topic()), "", amqp, correlation);
            }
            else {
                this.template.send(this.names.exchange(), routingKey(target), amqp, correlation);
            }
        }
        catch (AmqpException ex) {
            this.retries.lost(attempts, "the broker could not be reached: " + ex,
                    () -> attempt(target, message, awaitAck, result, attempts));
            return;
        }
        correlation.getFuture().whenComplete((confirm, ex) -> onConfirm(target, message, awaitAck, result,
                correlation, attempts, confirm, ex));
    }

    private String routingKey(AmqpTarget target) {
        return (target.server() != null) ? this.names.serverKey(target.topic(), target.server())
                : this.names.topicKey(target.topic());
    }

    private void onConfirm(AmqpTarget target, CupMessage message, boolean awaitAck,
            CompletableFuture<DeliveryResult> result, CorrelationData correlation, Attempts attempts, Confirm confirm,
            Throwable ex) {
        ReturnedMessage returned = correlation.getReturned();
        if (ex != null || (!confirm.ack() && confirm.reason() != null)) {
            // a nack with a reason is Spring AMQP's for a channel that closed before the confirm
            this.retries.lost(attempts, "no publisher confirm: " + ((ex != null) ? ex : confirm.reason()),
                    () -> attempt(target, message, awaitAck, result, attempts));
            return;
        }
        this.retries.settled(attempts);
        if (returned != null) {
            fail(message, awaitAck, result, failure(Reason.NO_ROUTE, message,
                    "the broker routed the message to no queue (" + returned.getReplyText() + "): no node serves "
                            + target));
        }
        else if (!confirm.ack()) {
            fail(message, awaitAck, result, failure(Reason.BROKER_REJECTED, message,
                    "the broker did not confirm the message to " + target));
        }
        else if (awaitAck) {
            this.acks.confirmed(message.uniqId());
        }
        else {
            result.complete(new DeliveryResult(message.uniqId(), message.to(), Status.SENT, 1));
        }
    }

    private void fail(CupMessage message, boolean awaitAck, CompletableFuture<DeliveryResult> result,
            DeliveryException failure) {
        if (awaitAck) {
            this.acks.fail(message.uniqId(), failure);
        }
        else {
            result.completeExceptionally(failure);
        }
    }

    /** Completes the need-ack send that {@code ack}, a message on this sender's reply queue, acknowledges. */
    void onAck(Message ack) {
        try {
            Object flags = ack.getMessageProperties().getHeaders().get(AmqpMessageCodec.FLAGS);
            if (flags instanceof Number number && MessageFlags.isAck(number.intValue())) {
                this.acks.acknowledged(AmqpMessageCodec.uniqId(ack.getMessageProperties().getMessageId()));
            }
        }
        catch (IllegalArgumentException ex) {
            logger.warn("Ignored a malformed ack on " + this.replyQueue + ": " + ex.getMessage());
        }
    }

    /** The queue where this sender's acks arrive. */
    String replyQueue() {
        return this.replyQueue;
    }

    void start() {
        this.retries.start();
        this.running = true;
    }

    void stop() {
        this.running = false;
        this.retries.stop();
        this.acks.failAll();
    }

    private UniqId nextId() {
        return new UniqId(this.idHigh, this.idLow.incrementAndGet());
    }

    private static DeliveryException failure(Reason reason, CupMessage message, String text) {
        return new DeliveryException(reason, message.to(), message.uniqId(), text);
    }

}
