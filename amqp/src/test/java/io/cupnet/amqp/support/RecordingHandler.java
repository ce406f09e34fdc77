package io.cupnet.amqp.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import io.cupnet.MessageHandler;

/** A handler that records every message it is given, then runs the behaviour it was made with. */
public final class RecordingHandler implements MessageHandler {

    private final List<CupMessage> received = new CopyOnWriteArrayList<>();

    private final MessageHandler behaviour;

    private RecordingHandler(MessageHandler behaviour) {
        this.behaviour = behaviour;
    }

    /** Records and returns normally. */
    public static RecordingHandler succeeding() {
        return new RecordingHandler((message, ack) -> { });
    }

    /** Records, then runs {@code behaviour}. */
    public static RecordingHandler then(MessageHandler behaviour) {
        return new RecordingHandler(behaviour);
    }

    @Override
    public void onMessage(CupMessage message, Acknowledgment acknowledgment) throws Exception {
        this.received.add(message);
        this.behaviour.onMessage(message, acknowledgment);
    }

    /** Every message given so far, in order, attempts of one delivery included. */
    public List<CupMessage> received() {
        return List.copyOf(this.received);
    }

    /** The bodies as UTF-8. */
    public List<String> bodies() {
        return this.received.stream().map(CupMessage::bodyAsString).toList();
    }

}
