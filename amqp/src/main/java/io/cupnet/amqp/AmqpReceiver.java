package io.cupnet.amqp;

import java.io.IOException;
import java.time.Duration;

import com.rabbitmq.client.Channel;
import io.cupnet.CupMessage;
import io.cupnet.MessageHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Hands each broker delivery to the node's {@link MessageHandler} as a {@link CupMessage}, and settles it
 * after the handler returned: acked (and the CUP ack sent) on success, retried up to the maximum attempts
 * with a doubling backoff on failure, then dead-lettered to the topic's dead-letter queue, never requeued. A
 * redelivered need-ack message that this node handled before (within its dedup window) is acked again, not handled.
 */
final class AmqpReceiver implements ChannelAwareMessageListener {

    private static final Log logger = LogFactory.getLog(AmqpReceiver.class);

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final MessageHandler handler;

    private final AmqpSettings settings;

    private final RabbitTemplate ackTemplate;

    private final HandledWindow handled;

    private static final ThreadLocal<Boolean> HANDLING = new ThreadLocal<>();

    private final AmqpStats stats;

    AmqpReceiver(MessageHandler handler, AmqpSettings settings, RabbitTemplate ackTemplate, AmqpStats stats) {
        this.handler = handler;
        this.stats = stats;
        this.settings = settings;
        this.ackTemplate = ackTemplate;
        this.handled = new HandledWindow(settings.dedupWindow());
    }

    @Override
    public void onMessage(Message delivery, Channel channel) throws IOException {
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
        BrokerAcknowledgment acknowledgment = new BrokerAcknowledgment(message,
                delivery.getMessageProperties().getReplyTo(), channel, tag, this.ackTemplate, this.handled);
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
        HANDLING.set(Boolean.TRUE);
        try {
            handle(message, acknowledgment);
        }
        finally {
            HANDLING.remove();
        }
    }

    /** Whether the calling thread is running the handler on a broker delivery. */
    static boolean isHandling() {
        return HANDLING.get() != null;
    }

    private void handle(CupMessage message, BrokerAcknowledgment acknowledgment) {
        Exception failure = null;
        for (int attempt = 1; attempt <= this.settings.maxAttempts(); attempt++) {
            long start = System.nanoTime();
            failure = attempt(message, acknowledgment);
            this.stats.handled(failure == null && !acknowledgment.isRejected(), System.nanoTime() - start);
            if (acknowledgment.isAcknowledged()) {
                return;
            }
            if (failure == null && !acknowledgment.isRejected()) {
                acknowledgment.acknowledge();
                return;
            }
            acknowledgment.reopen();
            if (attempt < this.settings.maxAttempts() && !backOff(attempt)) {
                acknowledgment.requeue();
                return;
            }
        }
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
        Duration wait = this.settings.retryBackoff().multipliedBy(1L << Math.min(failed - 1, 20));
        try {
            Thread.sleep(((wait.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : wait).toMillis());
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
