package io.cupnet;


/**
 * Handles the frames a message center receives, on a handler thread (never an I/O thread).
 *
 * <p>Returning normally means the message was handled: with the default ack mode a
 * need-ack frame is then acknowledged. Throwing leaves it un-acked, so the sender resends it.
 * A handler that hands the message on to another thread {@linkplain Acknowledgment#defer() defers}
 * it first; the message is then acknowledged when that handling succeeds.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles one message.
     * @param message the received frame
     * @param acknowledgment acknowledges a need-ack frame in manual ack mode; a no-op for other frames
     * @throws Exception to report that the message was not handled
     */
    void onMessage(CupMessage message, Acknowledgment acknowledgment) throws Exception;

    /**
     * The {@code listener} tag of this handler's invocations in the
     * {@code cupnet.listener.invocations} metric. A handler that routes to several listeners
     * returns {@code null} and reports each invocation itself through
     * {@link io.cupnet.metrics.CupnetStats#listenerInvoked(String, boolean, long)}.
     */
    default String metricsName() {
        return "handler";
    }

    /**
     * Whether this handler takes the message; called on the handler thread before
     * {@link #onMessage}. A message it does not take is counted with the result
     * {@code unroutable} and dropped, and a need-ack frame among them is not acknowledged, so
     * its sender sees a timeout (or, once a handler takes it, the resent copy handled) rather
     * than a false ACKED. The default takes every message.
     * @param message the received frame
     * @return {@code false} to drop the message unacknowledged
     */
    default boolean handles(CupMessage message) {
        return true;
    }

}
