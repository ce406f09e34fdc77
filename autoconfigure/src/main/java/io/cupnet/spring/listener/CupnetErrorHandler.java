package io.cupnet.spring.listener;

import io.cupnet.CupMessage;

/**
 * Decides what happens to a message whose {@code @MessageListener} method failed; declare
 * one as a bean to replace the default, which returns {@link ErrorAction#RETRY}.
 *
 * <p>Called on the handler thread, once per message (for a batch, once per message in it).
 * cupnet logs and counts the failure whatever the decision.
 */
@FunctionalInterface
public interface CupnetErrorHandler {

    /**
     * Decides the fate of a failed message.
     * @param message the message the listener failed on
     * @param error the failure, naming the listener method and the message
     * @return whether the sender should resend it or it should be acknowledged and dropped
     */
    ErrorAction handleError(CupMessage message, ListenerExecutionFailedException error);

}
