package io.cupnet.sample;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.cupnet.CupMessage;
import org.springframework.stereotype.Component;

/**
 * The last {@value #CAPACITY} messages this node received, newest last.
 */
@Component
public class ReceivedMessages {

    static final int CAPACITY = 1000;

    private final Deque<ReceivedMessage> messages = new ArrayDeque<>();

    /** Remembers a message with the transport it came by ({@code tcp}, {@code amqp}), dropping the oldest. */
    public synchronized void add(CupMessage message, String transport) {
        if (this.messages.size() == CAPACITY) {
            this.messages.removeFirst();
        }
        this.messages.addLast(ReceivedMessage.of(message, transport));
    }

    /** The last {@code limit} messages received, oldest first. */
    public synchronized List<ReceivedMessage> last(int limit) {
        List<ReceivedMessage> all = new ArrayList<>(this.messages);
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

}
