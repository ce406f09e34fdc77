package io.cupnet.amqp;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;
import io.cupnet.MessageHandler;
import io.cupnet.spring.listener.ReplyRoute;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Hands each broker delivery to the node's {@link MessageHandler} as a {@link CupMessage}, and settles it
 * after the handler returned: acked (and the CUP ack sent) on success, retried up to the maximum attempts
 * with a doubling backoff on failure, then dead-lettered to the topic's dead-letter queue, never requeued. A
 * redelivered need-ack message that this node handled before (within its dedup window) is acked again, not handled.
 * A listener that runs on threads of its own defers its messages: their deliveries are settled, and retried, when
 * the listener ended, while the consumer goes on with the next delivery (up to the prefetch).
 */
final class AmqpReceiver implements ChannelAwareMessageListener {

    private static final Log logger = LogFactory.getLog(AmqpReceiver.class);

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final MessageHandler handler;

    private final AmqpSettings settings;

    private final ChannelPublisher publisher;

    private final HandledWindow handled;

    private final ScheduledExecutorService timer;

    private final Unsettled unsettled = new Unsettled();

    private volatile boolean stopping;

    /** The handle of a reply on the reply queue: nothing to acknowledge, it came by the broker, no reply to it. */
    private static final Acknowledgment REPLY = new ReplyHandle();

    private final AmqpStats stats;

    AmqpReceiver(MessageHandler handler, AmqpSettings settings, ChannelPublisher publisher,
            ScheduledExecutorService timer, AmqpStats stats) {
        this.handler = handler;
        this.timer = timer;
        this.stats = stats;
        this.settings = settings;
        this.publisher = publisher;
        this.handled = new HandledWindow(settings.dedupWindow());
    }

    @Override
    public void onMessage(Message delivery, Channel channel) throws IOException {
        if (this.stopping) {
            // Held unsettled: the broker takes it back when the stopping consumers close their channel.
            return;
        }
        long tag = delivery.getMessageProperties().getDeliveryTag();
        CupMessage message;
        try {
            message = AmqpMessageCodec.decode(delivery);
        }
        catch (IllegalArgumentException ex) {
            logger.warn("Dead-lettered a delivery from " + delivery.getMessageProperties().getConsumerQueue()
                    + " that is no cupnet message: " + ex.getMessage());
            this.stats.deadLettered(true);
            channel.basicReject(tag, false);
            return;
        }
        this.unsettled.started();
        BrokerAcknowledgment acknowledgment = new BrokerAcknowledgment(message,
                delivery.getMessageProperties().getReplyTo(), channel, tag, this.publisher, this.handled,
                this.unsettled);
        boolean redelivered = Boolean.TRUE.equals(delivery.getMessageProperties().getRedelivered());
        if (message.needsAck() && redelivered && this.handled.wasHandled(message)) {
            logger.debug("Acked again the redelivery of " + message + ", handled before");
            this.stats.ackedAgain(message.type());
            acknowledgment.ackAgain();
            return;
        }
        if (redelivered) {
            this.stats.redeliveryHandled();
        }
        this.stats.accepted(message.type());
        handle(message, acknowledgment);
    }

    /** Hands {@code reply}, which came to this node's reply queue and answers no waiting request, to the handler. */
    void onReply(CupMessage reply) {
        if (!this.handler.handles(reply)) {
            return;
        }
        try {
            this.handler.onMessage(reply, REPLY);
        }
        catch (Exception ex) {
            logger.warn("Handler failed on the reply " + reply, ex);
        }
    }

    /**
     * Stops taking deliveries (those that arrive are held unsettled, for the broker to take back when the consumers
     * stop) and waits at most {@code timeout} for the deliveries taken before to be settled (their handlers, also on
     * a listener's own threads, ended, and their CUP acks went out), so that they settle while their channel is open.
     */
    void stopTaking(Duration timeout) {
        this.stopping = true;
        this.unsettled.await(timeout);
    }

    /** Whether a stop began: deliveries are no longer taken. */
    boolean isStopping() {
        return this.stopping;
    }

    /** Takes deliveries again, after a stop. */
    void resumeTaking() {
        this.stopping = false;
    }

    /** Runs the attempts on the consumer thread, backing off between them, until one settles the delivery. */
    private void handle(CupMessage message, BrokerAcknowledgment acknowledgment) {
        for (int attempt = 1; runAttempt(message, acknowledgment, attempt); attempt++) {
            if (!backOff(attempt)) {
                acknowledgment.requeue();
                return;
            }
        }
    }

    /**
     * Runs attempt {@code attempt} through the handler; true when it failed and another attempt is due now. An
     * attempt that a listener on threads of its own deferred ends later: when it failed, the next attempt runs
     * after the backoff on the timer thread.
     */
    private boolean runAttempt(CupMessage message, BrokerAcknowledgment acknowledgment, int attempt) {
        long start = System.nanoTime();
        Exception failure = attempt(message, acknowledgment);
        CompletableFuture<Boolean> deferred = acknowledgment.takeDeferred();
        if (failure == null && deferred != null) {
            deferred.whenComplete((succeeded, ex) -> {
                Exception ended = Boolean.TRUE.equals(succeeded) ? null
                        : new IllegalStateException("the listener failed on its own thread");
                if (attemptEnded(message, acknowledgment, attempt, start, ended)) {
                    retryLater(message, acknowledgment, attempt);
                }
            });
            return false;
        }
        return attemptEnded(message, acknowledgment, attempt, start, failure);
    }

    /**
     * Counts an attempt and settles the delivery: acked when it succeeded, dead-lettered when it was the last;
     * true when another attempt is due.
     */
    private boolean attemptEnded(CupMessage message, BrokerAcknowledgment acknowledgment, int attempt, long start,
            Exception failure) {
        this.stats.handled(failure == null && !acknowledgment.isRejected(), System.nanoTime() - start);
        if (acknowledgment.isAcknowledged()) {
            return false;
        }
        if (failure == null && !acknowledgment.isRejected()) {
            acknowledgment.acknowledge();
            return false;
        }
        acknowledgment.reopen();
        if (attempt >= this.settings.maxAttempts()) {
            deadLetter(message, acknowledgment, failure);
            return false;
        }
        return true;
    }

    /** Runs the attempt after {@code failed} once its backoff passed, on the timer thread; requeues when stopping. */
    private void retryLater(CupMessage message, BrokerAcknowledgment acknowledgment, int failed) {
        if (this.stopping) {
            acknowledgment.requeue();
            return;
        }
        this.timer.schedule(() -> {
            if (runAttempt(message, acknowledgment, failed + 1)) {
                retryLater(message, acknowledgment, failed + 1);
            }
        }, backoff(failed).toNanos(), TimeUnit.NANOSECONDS);
    }

    private void deadLetter(CupMessage message, BrokerAcknowledgment acknowledgment, Exception failure) {
        logger.warn("Dead-lettered " + message + " after " + this.settings.maxAttempts() + " failed attempt(s) "
                + "(option amqp.maxAttempts)", failure);
        this.stats.deadLettered(false);
        acknowledgment.deadLetter();
    }

    private Exception attempt(CupMessage message, BrokerAcknowledgment acknowledgment) {
        try {
            this.handler.onMessage(message, acknowledgment);
            return null;
        }
        catch (Exception ex) {
            logger.debug("Handler failed on " + message, ex);
            return ex;
        }
    }

    /** Waits before attempt {@code failed + 1}; false when interrupted, as when the node stops. */
    private boolean backOff(int failed) {
        try {
            Thread.sleep(backoff(failed).toMillis());
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The wait before attempt {@code failed + 1}: the retry backoff, doubled for each failed attempt, bounded. */
    private Duration backoff(int failed) {
        Duration wait = this.settings.retryBackoff().multipliedBy(1L << Math.min(failed - 1, 20));
        return (wait.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : wait;
    }

    private static final class ReplyHandle implements Acknowledgment, ReplyRoute {

        @Override
        public void acknowledge() {
        }

        @Override
        public void reject() {
        }

        @Override
        public boolean isAcknowledged() {
            return true;
        }

        @Override
        public String transport() {
            return AmqpMetrics.AMQP;
        }

        @Override
        public boolean repliesHere() {
            return false;
        }

        @Override
        public CompletableFuture<DeliveryResult> reply(CupMessage reply) {
            throw new UnsupportedOperationException("A reply is not answered");
        }

    }

}
