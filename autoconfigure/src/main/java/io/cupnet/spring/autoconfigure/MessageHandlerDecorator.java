package io.cupnet.spring.autoconfigure;

import io.cupnet.MessageHandler;

/**
 * Wraps the handler of the frames that arrive over TCP (the {@code @MessageListener} router) before each message
 * center is built; declare it as a bean. Decorators apply in their {@code @Order}, the first one outermost. Another
 * transport that feeds the router (the broker transport, for example) gets the router itself, undecorated.
 */
@FunctionalInterface
public interface MessageHandlerDecorator {

    /** The handler that takes the frames in place of {@code handler}; it usually delegates to it. */
    MessageHandler decorate(MessageHandler handler);

}
