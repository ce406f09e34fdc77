package io.cupnet.amqp;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cupnet.AckMode;
import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;
import io.cupnet.MessageHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Forwards the CUP frames of some types to a topic instead of handling them locally, and hands every other frame
 * to the local handler. A forwarded frame keeps its type, flags, uniq id, body and sender; a need-ack frame is
 * acknowledged to its CUP sender only once the broker confirmed and routed the publish, and left unacknowledged
 * (so that its sender resends it) when the publish fails or is not confirmed within the confirm timeout.
 *
 * <p>With ack mode {@code AFTER_SUCCESS} the handler thread waits for the confirm; with {@code MANUAL} it returns
 * at once and the confirm acknowledges the frame; with {@code ON_RECEIPT} the frame was acknowledged before it was
 * forwarded, so a failed publish loses it (logged).
 */
public final class AmqpBridge implements MessageHandler {

    private static final Log logger = LogFactory.getLog(AmqpBridge.class);

    private final MessageHandler local;

    private final AmqpMessageSender sender;

    private final Set<Integer> types;

    private final AmqpTarget target;

    private final AckMode ackMode;

    private final Duration confirmTimeout;

    /**
     * A bridge that forwards frames of {@code types} to {@code target} through {@code sender}.
     * @param local the handler of the other frames
     * @param ackMode the ack mode of the message center the frames come from
     * @param confirmTimeout maximum time a handler thread waits for a confirm in {@code AFTER_SUCCESS} mode
     */
    public AmqpBridge(MessageHandler local, AmqpMessageSender sender, Set<Integer> types, AmqpTarget target,
            AckMode ackMode, Duration confirmTimeout) {
        this.local = local;
        this.sender = sender;
        this.types = Set.copyOf(types);
        this.target = target;
        this.ackMode = ackMode;
        this.confirmTimeout = confirmTimeout;
    }

    /** Whether frames of {@code type} are forwarded rather than handled locally. */
    public boolean forwards(int type) {
        return this.types.contains(type);
    }

    @Override
    public boolean handles(CupMessage message) {
        return forwards(message.type()) || this.local.handles(message);
    }

    @Override
    public String metricsName() {
        return this.local.metricsName();
    }

    @Override
    public void onMessage(CupMessage message, Acknowledgment acknowledgment) throws Exception {
        if (!forwards(message.type())) {
            this.local.onMessage(message, acknowledgment);
            return;
        }
        CompletableFuture<DeliveryResult> published = this.sender.forward(this.target, message);
        published.whenComplete((result, failure) -> {
            if (failure == null) {
                acknowledgment.acknowledge();
            }
            else {
                onFailure(message, acknowledgment, failure);
            }
        });
        if (this.ackMode == AckMode.AFTER_SUCCESS && message.needsAck()) {
            awaitConfirm(message, acknowledgment, published);
        }
    }

    /** Waits for the publish of a need-ack frame, so that the dispatcher acks it only after a confirm. */
    private void awaitConfirm(CupMessage message, Acknowledgment acknowledgment,
            CompletableFuture<DeliveryResult> published) throws Exception {
        try {
            published.get(this.confirmTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            acknowledgment.reject();
            throw new IllegalStateException("The broker did not confirm the forward of " + message.uniqId() + " to "
                    + this.target + " within " + this.confirmTimeout + "; left unacked, its sender resends it", ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("Could not forward " + message.uniqId() + " to " + this.target
                    + "; left unacked, its sender resends it: " + ex.getCause().getMessage(), ex.getCause());
        }
    }

    private void onFailure(CupMessage message, Acknowledgment acknowledgment, Throwable failure) {
        if (message.needsAck() && this.ackMode != AckMode.ON_RECEIPT) {
            acknowledgment.reject();
            logger.debug("Forward of " + message + " to " + this.target + " failed; left unacked", failure);
        }
        else {
            logger.warn("Lost " + message + ": its forward to " + this.target + " failed: " + failure.getMessage());
        }
    }

    @Override
    public String toString() {
        return "AmqpBridge[types=" + this.types + ", target=" + this.target + "]";
    }

}
