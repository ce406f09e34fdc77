package io.cupnet.amqp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryException;
import io.cupnet.DeliveryException.Reason;
import io.cupnet.DeliveryResult;
import io.cupnet.DeliveryResult.Status;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.amqp.PublishRetries.Attempts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.connection.CorrelationData.Confirm;
import org.springframework.amqp.rabbit.core.RabbitOperations;

/**
 * Sends cupnet messages to {@link AmqpTarget}s through the broker, with publisher confirms and mandatory
 * routing. A plain send completes {@code SENT} once the broker confirmed and routed it; a need-ack send is
 * persistent and completes {@code ACKED} once a node's handler succeeded on it. Failures are
 * {@link DeliveryException}s: {@code NO_ROUTE} when no queue takes the target, {@code BROKER_REJECTED} on
 * a negative confirm, {@code CONNECTION_LOST} when the broker could not be reached (or the channel closed before
 * the confirm) for the whole send timeout, {@code QUEUE_FULL} when too many sends already wait for the publisher
 * thread or the broker, {@code ACK_TIMEOUT}, {@code SHUTDOWN}. A publish that lost the broker is published again
 * with a backoff until the send timeout (see {@link PublishRetries}); a need-ack send's ack timeout starts at its
 * confirm. Every future completes exactly once. A {@link #request} completes with the reply the handling node's
 * listener returned.
 *
 * <p>The caller's thread only queues the publish: the transport's publisher thread publishes it, many on one
 * channel (see {@link ChannelPublisher}), so that the sends of one thread reach the broker in the order they were
 * made, unless the broker was lost and some were published again. A send fails at once with {@code QUEUE_FULL}
 * when {@value ChannelPublisher#MAX_QUEUED} publishes already wait for that thread.
 */
public final class AmqpMessageSender {

    private static final Log logger = LogFactory.getLog(AmqpMessageSender.class);

    private final AmqpNames names;

    private final AmqpSettings settings;

    private final ChannelPublisher publisher;

    private final AmqpTopology topology;

    private final PendingBrokerAcks acks;

    private final PendingBrokerReplies replies;

    private final PublishRetries retries;

    private final String replyQueue;

    private final Supplier<PeerAddress> localAddress;

    private final Consumer<CupMessage> unrequested;

    private final AmqpStats stats;

    private final long idHigh = ThreadLocalRandom.current().nextLong();

    private final AtomicLong idLow = new AtomicLong();

    private volatile boolean running;

    AmqpMessageSender(AmqpNames names, AmqpSettings settings, ChannelPublisher publisher, AmqpTopology topology,
            PendingBrokerAcks acks, PendingBrokerReplies replies, PublishRetries retries, String replyQueue,
            Supplier<PeerAddress> localAddress, Consumer<CupMessage> unrequested, AmqpStats stats) {
        this.stats = stats;
        this.names = names;
        this.settings = settings;
        this.publisher = publisher;
        this.topology = topology;
        this.acks = acks;
        this.replies = replies;
        this.retries = retries;
        this.replyQueue = replyQueue;
        this.localAddress = localAddress;
        this.unrequested = unrequested;
    }

    /** Sends a message of {@code type} with {@code body} to {@code target}, asking for an ack when {@code needAck}. */
    public CompletableFuture<DeliveryResult> send(AmqpTarget target, int type, byte[] body, boolean needAck) {
        CupMessage.Builder message = CupMessage.builder().to(PeerAddress.NONE).type(type).body(body);
        return send(target, needAck ? message.needAck().build() : message.build());
    }

    /**
     * Sends {@code message} to {@code target}; its {@code to} travels as a header, its sender address (this node's
     * CUP address) and uniq id are filled in when missing. The receiving node's listener replies to this sender.
     */
    public CompletableFuture<DeliveryResult> send(AmqpTarget target, CupMessage message) {
        CupMessage complete = complete(message);
        CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
        this.stats.send(complete.type(), result);
        if (!this.running) {
            result.completeExceptionally(failure(Reason.NOT_RUNNING, complete, "the broker transport is not started"));
            return result;
        }
        if (complete.needsAck() && !this.acks.register(complete.uniqId(), complete.to(), result)) {
            result.completeExceptionally(failure(Reason.INVALID_MESSAGE, complete,
                    "a need-ack send with the same uniq id is still waiting for its ack; give each message its own id"));
            return result;
        }
        publish(target, complete, complete.needsAck(), this.replyQueue, result);
        return result;
    }

    /**
     * Sends a request of {@code type} with {@code body} to {@code target} and completes with the reply of the
     * listener that handled it.
     * @see #request(AmqpTarget, CupMessage, Duration)
     */
    public CompletableFuture<CupMessage> request(AmqpTarget target, int type, byte[] body, Duration timeout) {
        return request(target, CupMessage.builder().to(PeerAddress.NONE).type(type).body(body).build(), timeout);
    }

    /**
     * Sends {@code request} to {@code target} and completes with the reply: the message with the request's uniq id
     * that the handling node's listener returned, sent back to this sender's reply queue. Fails with a
     * {@link TimeoutException} when no reply comes within {@code timeout}, and as {@link #send} does when the
     * request itself fails.
     */
    public CompletableFuture<CupMessage> request(AmqpTarget target, CupMessage request, Duration timeout) {
        CupMessage complete = complete(request);
        CompletableFuture<CupMessage> reply = this.replies.register(complete.uniqId(), target, timeout);
        if (reply == null) {
            return CompletableFuture.failedFuture(failure(Reason.INVALID_MESSAGE, complete,
                    "a request with the same uniq id still waits for its reply; give each request its own id"));
        }
        send(target, complete).whenComplete((sent, failure) -> {
            if (failure != null) {
                this.replies.fail(complete.uniqId(), failure);
            }
        });
        return reply;
    }

    private CupMessage complete(CupMessage message) {
        return message.withOrigin((message.from() != null) ? message.from() : this.localAddress.get(),
                (message.uniqId() != null) ? message.uniqId() : nextId());
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
        this.stats.send(message.type(), result);
        if (!this.running) {
            result.completeExceptionally(failure(Reason.NOT_RUNNING, message, "the broker transport is not started"));
            return result;
        }
        publish(target, message, false, null, result);
        return result;
    }

    private void publish(AmqpTarget target, CupMessage message, boolean awaitAck, String replyTo,
            CompletableFuture<DeliveryResult> result) {
        Attempts attempts = this.retries.begin((reason, text) -> fail(message, awaitAck, result,
                failure(reason, message, text)));
        this.publisher.submit(new Publish(target, AmqpMessageCodec.encode(message, replyTo), message, awaitAck, result,
                attempts));
    }

    private String routingKey(AmqpTarget target) {
        return (target.server() != null) ? this.names.serverKey(target.topic(), target.server())
                : this.names.topicKey(target.topic());
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

    /**
     * Takes a message on this sender's reply queue: an ack completes the need-ack send it acknowledges, a reply
     * the request it answers; any other reply (to a send, or whose request timed out) goes to the node's listeners,
     * as a reply over TCP does.
     */
    void onReplyQueueMessage(Message amqp) {
        try {
            CupMessage message = AmqpMessageCodec.decode(amqp);
            if (message.isAck()) {
                this.acks.acknowledged(message.uniqId());
            }
            else if (!this.replies.complete(message)) {
                this.unrequested.accept(message);
            }
        }
        catch (IllegalArgumentException ex) {
            logger.warn("Ignored a malformed message on " + this.replyQueue + ": " + ex.getMessage());
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
        this.replies.failAll(new DeliveryException(Reason.SHUTDOWN, PeerAddress.NONE, null,
                "the broker transport stopped before the reply came"));
    }

    private UniqId nextId() {
        return new UniqId(this.idHigh, this.idLow.incrementAndGet());
    }

    private static DeliveryException failure(Reason reason, CupMessage message, String text) {
        return new DeliveryException(reason, message.to(), message.uniqId(), text);
    }

    /**
     * One send's publish on the publisher thread: deferred while the broker was lost moments ago, otherwise published
     * with its own {@link CorrelationData}, whose confirm and return settle it; a lost publish is queued again by the
     * retries after their backoff.
     */
    private final class Publish implements ChannelPublisher.Task {

        private final AmqpTarget target;

        private final Message amqp;

        private final CupMessage message;

        private final boolean awaitAck;

        private final CompletableFuture<DeliveryResult> result;

        private final Attempts attempts;

        private Publish(AmqpTarget target, Message amqp, CupMessage message, boolean awaitAck,
                CompletableFuture<DeliveryResult> result, Attempts attempts) {
            this.target = target;
            this.amqp = amqp;
            this.message = message;
            this.awaitAck = awaitAck;
            this.result = result;
            this.attempts = attempts;
        }

        @Override
        public boolean deferred() {
            if (!AmqpMessageSender.this.retries.recentlyLost()) {
                return false;
            }
            AmqpMessageSender.this.retries.defer(this.attempts, this::again);
            return true;
        }

        @Override
        public void publish(RabbitOperations operations) {
            CorrelationData correlation = new CorrelationData(Long.toString(AmqpMessageSender.this.idLow
                .incrementAndGet()));
            if (this.target.fanout()) {
                AmqpMessageSender.this.topology.ensureFanoutExchange(this.target.topic());
                operations.send(AmqpMessageSender.this.names.fanoutExchange(this.target.topic()), "", this.amqp,
                        correlation);
            }
            else {
                operations.send(AmqpMessageSender.this.names.exchange(), routingKey(this.target), this.amqp,
                        correlation);
            }
            correlation.getFuture().whenComplete((confirm, ex) -> onConfirm(correlation, confirm, ex));
        }

        @Override
        public void lost(RuntimeException cause) {
            AmqpMessageSender.this.retries.lost(this.attempts, "the broker could not be reached: " + cause,
                    this::again);
        }

        @Override
        public void refused(Reason reason, String text) {
            AmqpMessageSender.this.retries.refused(this.attempts, reason, text);
        }

        private void again() {
            AmqpMessageSender.this.publisher.resubmit(this);
        }

        private void onConfirm(CorrelationData correlation, Confirm confirm, Throwable ex) {
            ReturnedMessage returned = correlation.getReturned();
            if (ex != null || (!confirm.ack() && confirm.reason() != null)) {
                // a nack with a reason is Spring AMQP's for a channel that closed before the confirm
                AmqpMessageSender.this.retries.lost(this.attempts,
                        "no publisher confirm: " + ((ex != null) ? ex : confirm.reason()), this::again);
                return;
            }
            AmqpMessageSender.this.retries.settled(this.attempts);
            if (returned != null) {
                fail(this.message, this.awaitAck, this.result, failure(Reason.NO_ROUTE, this.message,
                        "the broker routed the message to no queue (" + returned.getReplyText() + "): no node serves "
                                + this.target));
            }
            else if (!confirm.ack()) {
                fail(this.message, this.awaitAck, this.result, failure(Reason.BROKER_REJECTED, this.message,
                        "the broker did not confirm the message to " + this.target));
            }
            else if (this.awaitAck) {
                AmqpMessageSender.this.acks.confirmed(this.message.uniqId());
            }
            else {
                this.result.complete(new DeliveryResult(this.message.uniqId(), this.message.to(), Status.SENT, 1));
            }
        }

    }

}
