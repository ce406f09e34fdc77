package io.cupnet.bench.cupnet;

import java.util.Map;

import io.cupnet.dispatch.Acknowledgment;
import io.cupnet.dispatch.MessageHandler;
import io.cupnet.wire.CupMessage;

/**
 * Routes each message by type to the handler registered for it, as {@code @MessageListener(types = ...)}
 * will: a stand-in for the Spring module's listener path, which is being written concurrently.
 */
public final class TypeRoutingHandler implements MessageHandler {

    private final Map<Integer, MessageHandler> handlers;

    private final Runnable afterEach;

    /**
     * Creates a router.
     * @param handlers the handler of each type
     * @param afterEach runs after each routed message, to count it
     */
    public TypeRoutingHandler(Map<Integer, MessageHandler> handlers, Runnable afterEach) {
        this.handlers = Map.copyOf(handlers);
        this.afterEach = afterEach;
    }

    @Override
    public void onMessage(CupMessage message, Acknowledgment acknowledgment) throws Exception {
        MessageHandler handler = this.handlers.get(message.type());
        if (handler == null) {
            throw new IllegalStateException("No listener for message type " + message.type());
        }
        handler.onMessage(message, acknowledgment);
        this.afterEach.run();
    }

    /** A listener that does nothing with the message. */
    public static MessageHandler noOp() {
        return (message, acknowledgment) -> {
        };
    }

}
