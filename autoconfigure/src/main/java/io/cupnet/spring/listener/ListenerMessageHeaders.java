package io.cupnet.spring.listener;

import java.util.Map;

import org.springframework.messaging.MessageHeaders;

/**
 * The headers of a message handed to a listener: cupnet's fields only. Spring's generated
 * {@code id} and {@code timestamp} headers are left out, as Spring Kafka leaves them out by
 * default: they would cost a random UUID and a clock read per message, and the uniq id and
 * the sender already identify a CUP message.
 */
final class ListenerMessageHeaders extends MessageHeaders {

    private static final long serialVersionUID = 1L;

    ListenerMessageHeaders(Map<String, Object> headers) {
        super(headers, ID_VALUE_NONE, -1L);
    }

}
