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
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitOperations;

/**
 * The {@link Acknowledgment} of one broker delivery: acknowledging queues the CUP ack to the sender's reply
 * queue (need-ack messages) for the transport's publisher thread and then acks the delivery to the broker, after
 * remembering a need-ack message as handled; rejecting marks the attempt failed, so that the receiver retries it or
 * dead-letters it. A listener's reply goes back to the sender's reply queue through the same publisher thread, after
 * the acks and replies queued before it; a deferred handling settles the delivery when it ends.
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

    private final ChannelPublisher publisher;

    private final HandledWindow handled;

    private final Unsettled unsettled;

    private final AtomicInteger state = new AtomicInteger(OPEN);

    private volatile CompletableFuture<Boolean> deferred;

    BrokerAcknowledgment(CupMessage message, String replyTo, Channel channel, long deliveryTag,
            ChannelPublisher publisher, HandledWindow handled, Unsettled unsettled) {
        this.handled = handled;
        this.unsettled = unsettled;
        this.message = message;
        this.replyTo = replyTo;
        this.channel = channel;
        this.deliveryTag = deliveryTag;
        this.publisher = publisher;
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
            sendCupAckThenSettle();
        }
        else {
            settle(true);
        }
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

    /** The broker's transport name, {@code amqp}. */
    @Override
    public String transport() {
        return AmqpMetrics.AMQP;
    }

    /** Replies go back over the broker to the sender's reply queue, when the sender named one. */
    @Override
    public boolean repliesHere() {
        return this.replyTo != null;
    }

    /**
     * Sends {@code reply} to the sender's reply queue through the transport's publisher; completes {@code SENT} once
     * handed to the broker, or fails with {@code CONNECTION_LOST}, {@code QUEUE_FULL} or {@code SHUTDOWN}.
     */
    @Override
    public CompletableFuture<DeliveryResult> reply(CupMessage reply) {
        CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
        this.publisher.submit(new ReplyQueuePublish(this.replyTo, AmqpMessageCodec.encode(reply, null)) {

            @Override
            void published() {
                result.complete(new DeliveryResult(reply.uniqId(), reply.to(), Status.SENT, 1));
            }

            @Override
            void failed(Reason reason, String text, RuntimeException cause) {
                result.completeExceptionally(new DeliveryException(reason, reply.to(), reply.uniqId(),
                        "the reply could not be handed to the broker: " + text, cause));
            }

        });
        return result;
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
            finally {
                this.unsettled.ended();
            }
        }
    }

    /** Queues the CUP ack for the transport's publisher, which sends it without waiting for a confirm. */
    /**
     * Publishes the CUP ack, and acks the delivery to the broker once the ack went out (or failed to), so that a node
     * that dies in between leaves the delivery to be redelivered rather than its sender without an ack.
     */
    private void sendCupAckThenSettle() {
        CupMessage ack = this.message.ackFrame();
        this.publisher.submit(new ReplyQueuePublish(this.replyTo, AmqpMessageCodec.encode(ack, null)) {

            @Override
            void published() {
                settle(true);
            }

            @Override
            void failed(Reason reason, String text, RuntimeException cause) {
                logger.warn("The ack of " + BrokerAcknowledgment.this.message.uniqId() + " to "
                        + BrokerAcknowledgment.this.replyTo + " was not sent (its sender sees ACK_TIMEOUT although "
                        + "the message was handled): " + text);
                settle(true);
            }

        });
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
        finally {
            this.unsettled.ended();
        }
    }

    /**
     * A message to a sender's reply queue through the default exchange, for the publisher thread: published without
     * waiting for a confirm (none needed: a lost ack or reply surfaces as its sender's timeout), lost or refused as
     * told.
     */
    private abstract static class ReplyQueuePublish implements ChannelPublisher.Task {

        private final String queue;

        private final Message amqp;

        ReplyQueuePublish(String queue, Message amqp) {
            this.queue = queue;
            this.amqp = amqp;
        }

        @Override
        public void publish(RabbitOperations operations) {
            operations.send("", this.queue, this.amqp);
            published();
        }

        @Override
        public void lost(RuntimeException cause) {
            failed(Reason.CONNECTION_LOST, cause.getMessage(), cause);
        }

        @Override
        public void refused(Reason reason, String text) {
            failed(reason, text, null);
        }

        /** Acks and replies of messages this node handled still go out when the transport stops. */
        @Override
        public boolean publishesOnStop() {
            return true;
        }

        abstract void published();

        abstract void failed(Reason reason, String text, RuntimeException cause);

    }

}
