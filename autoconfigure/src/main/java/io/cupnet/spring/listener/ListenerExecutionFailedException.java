package io.cupnet.spring.listener;

import io.cupnet.CupMessage;

/**
 * Wraps the exception a {@code @MessageListener} method threw, naming the method and the
 * message it failed on.
 */
public class ListenerExecutionFailedException extends RuntimeException {

    public ListenerExecutionFailedException(String listener, CupMessage message, Throwable cause) {
        super("Listener " + listener + " failed on message " + message.uniqId() + " (type "
                + Integer.toUnsignedString(message.type()) + ") from " + message.from() + ": " + cause, cause);
    }

}
