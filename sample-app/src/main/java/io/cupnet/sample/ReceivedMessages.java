package io.cupnet.sample;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.cupnet.CupMessage;
import io.cupnet.amqp.AmqpTransport;
import org.springframework.stereotype.Component;

/**
 * The last {@value #CAPACITY} messages this node received, newest last.
 */
@Component
public class ReceivedMessages {

    static final int CAPACITY = 1000;

    private final Deque<ReceivedMessage> messages = new ArrayDeque<>();

    /**
     * Remembers a message received on the calling handler thread, with the transport it came by, forgetting the
     * oldest past the capacity.
     */
    public synchronized void add(CupMessage message) {
        if (this.messages.size() == CAPACITY) {
            this.messages.removeFirst();
        }
        this.messages.addLast(ReceivedMessage.of(message, AmqpTransport.isBrokerDelivery() ? "amqp" : "tcp"));
    }

    /** The last {@code limit} messages received, oldest first. */
    public synchronized List<ReceivedMessage> last(int limit) {
        List<ReceivedMessage> all = new ArrayList<>(this.messages);
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

}
