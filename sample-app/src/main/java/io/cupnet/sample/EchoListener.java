package io.cupnet.sample;

import io.cupnet.CupMessage;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.listener.CupnetHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Answers every type 7 message with a type 8 message of the same body and uniq id, and
 * records every message received.
 */
@Component
public class EchoListener {

    /** The type this listener answers. */
    public static final int ECHO_REQUEST = 7;

    /** The type of its answers. */
    public static final int ECHO_REPLY = 8;

    private final ReceivedMessages received;

    public EchoListener(ReceivedMessages received) {
        this.received = received;
    }

    @MessageListener(types = ECHO_REQUEST, replyType = ECHO_REPLY)
    public byte[] echo(CupMessage message, @Header(CupnetHeaders.TRANSPORT) String transport) {
        this.received.add(message, transport);
        return message.body();
    }

    @MessageListener(unclaimed = true)
    public void record(CupMessage message, @Header(CupnetHeaders.TRANSPORT) String transport) {
        this.received.add(message, transport);
    }

}
