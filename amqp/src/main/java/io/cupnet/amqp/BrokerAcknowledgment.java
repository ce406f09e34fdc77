package io.cupnet.amqp;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.Channel;
import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import io.cupnet.DeferredHandling;
import io.cupnet.DeliveryException;
import io.cupnet.DeliveryException.Reason;
import io.cupnet.DeliveryResult;
import io.cupnet.DeliveryResult.Status;
import io.cupnet.spring.listener.ReplyRoute;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The {@link Acknowledgment} of one broker delivery: acknowledging sends the CUP ack to the sender's reply
 * queue (need-ack messages) and then acks the delivery to the broker, after remembering a need-ack message
 * as handled; rejecting marks the attempt failed, so that the receiver retries it or dead-letters it. A listener's
 * reply goes back to the sender's reply queue; a deferred handling settles the delivery when it ends.
 */
final class BrokerAcknowledgment implements Acknowledgment, ReplyRoute {

    private static final Log logger = LogFactory.getLog(BrokerAcknowledgment.class);

    private static final int OPEN = 0;

    private static final int ACKED = 1;

    private static final int REJECTED = 2;

    private static final int SETTLED = 3;

    private final CupMessage message;

    private final String replyTo;

    private final Channel channel;

    private final long deliveryTag;

    private final RabbitTemplate ackTemplate;

    private final HandledWindow handled;

    private final AtomicInteger state = new AtomicInteger(OPEN);

    private volatile CompletableFuture<Boolean> deferred;

    BrokerAcknowledgment(CupMessage message, String replyTo, Channel channel, long deliveryTag,
            RabbitTemplate ackTemplate, HandledWindow handled) {
        this.handled = handled;
        this.message = message;
        this.replyTo = replyTo;
        this.channel = channel;
        this.deliveryTag = deliveryTag;
        this.ackTemplate = ackTemplate;
    }

    @Override
    public void acknowledge() {
        if (!this.state.compareAndSet(OPEN, ACKED)) {
            return;
        }
        if (this.message.needsAck()) {
            // Marked before any ack leaves, so that a redelivery after a lost broker ack is acked again.
            this.handled.markHandled(this.message);
        }
        ackAgain();
    }

    /** Sends the CUP ack (need-ack messages) and acks the delivery to the broker, without marking anything. */
    void ackAgain() {
        this.state.set(ACKED);
        if (this.message.needsAck() && this.replyTo != null) {
            sendCupAck();
        }
        settle(true);
    }

    @Override
    public void reject() {
        this.state.compareAndSet(OPEN, REJECTED);
    }

    @Override
    public boolean isAcknowledged() {
        return this.state.get() == ACKED;
    }

    /** The handling of this attempt goes on after the handler returned; the receiver settles it when it ends. */
    @Override
    public DeferredHandling defer() {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        this.deferred = outcome;
        return new DeferredHandling() {

            @Override
            public void succeeded() {
                outcome.complete(true);
            }

            @Override
            public void failed() {
                outcome.complete(false);
            }

        };
    }

    /** The outcome of the attempt's deferred handling (true on success), or null when it was not deferred. */
    CompletableFuture<Boolean> takeDeferred() {
        CompletableFuture<Boolean> outcome = this.deferred;
        this.deferred = null;
        return outcome;
    }

    /** Replies go back over the broker to the sender's reply queue, when the sender named one. */
    @Override
    public boolean repliesHere() {
        return this.replyTo != null;
    }

    /** Sends {@code reply} to the sender's reply queue; completes {@code SENT} once handed to the broker. */
    @Override
    public CompletableFuture<DeliveryResult> reply(CupMessage reply) {
        try {
            this.ackTemplate.send("", this.replyTo, AmqpMessageCodec.encode(reply, null));
            return CompletableFuture.completedFuture(new DeliveryResult(reply.uniqId(), reply.to(), Status.SENT, 1));
        }
        catch (AmqpException ex) {
            return CompletableFuture.failedFuture(new DeliveryException(Reason.CONNECTION_LOST, reply.to(),
                    reply.uniqId(), "the reply could not be handed to the broker: " + ex.getMessage(), ex));
        }
    }

    /** Whether the handler rejected the current attempt. */
    boolean isRejected() {
        return this.state.get() == REJECTED;
    }

    /** Opens the delivery for another attempt after a rejection. */
    void reopen() {
        this.state.compareAndSet(REJECTED, OPEN);
    }

    /** Gives the delivery up: the broker moves it to the topic's dead-letter queue. */
    void deadLetter() {
        if (this.state.getAndSet(SETTLED) != ACKED) {
            settle(false);
        }
    }

    /** Hands the delivery back to the broker for another node, as when stopping before it was handled. */
    void requeue() {
        if (this.state.getAndSet(SETTLED) != ACKED) {
            try {
                this.channel.basicReject(this.deliveryTag, true);
            }
            catch (IOException | RuntimeException ex) {
                logger.debug("Could not requeue " + this.message.uniqId() + "; the broker requeues it when the "
                        + "channel closes", ex);
            }
        }
    }

    private void sendCupAck() {
        CupMessage ack = this.message.ackFrame();
        try {
            this.ackTemplate.send("", this.replyTo, AmqpMessageCodec.encode(ack, null));
        }
        catch (AmqpException ex) {
            logger.warn("The ack of " + this.message.uniqId() + " to " + this.replyTo + " was not sent (its sender "
                    + "sees ACK_TIMEOUT although the message was handled): " + ex.getMessage());
        }
    }

    private void settle(boolean handled) {
        try {
            if (handled) {
                this.channel.basicAck(this.deliveryTag, false);
            }
            else {
                this.channel.basicReject(this.deliveryTag, false);
            }
        }
        catch (IOException | RuntimeException ex) {
            logger.warn("Could not " + (handled ? "ack " : "dead-letter ") + this.message.uniqId()
                    + " to the broker, which redelivers it: " + ex.getMessage());
        }
    }

}
