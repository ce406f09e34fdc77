package io.cupnet.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import io.cupnet.dispatch.Acknowledgment;
import io.cupnet.dispatch.MessageHandler;
import io.cupnet.wire.CupMessage;
import io.cupnet.wire.PeerAddress;

/**
 * A message center on 127.0.0.1 with a free port that records what its handler received.
 */
final class Node implements AutoCloseable {

    final List<CupMessage> received = new CopyOnWriteArrayList<>();

    final MessageCenter center;

    private volatile MessageHandler behaviour = (message, ack) -> {
    };

    private Node(CupnetOptions options) {
        this.center = new MessageCenter(options, this::handle);
    }

    /** A started node with test-friendly options: fast retries, short timeouts. */
    static Node start(UnaryOperator<CupnetOptions.Builder> customizer) {
        return start(customizer, (message, ack) -> {
        });
    }

    /** A started node whose handler behaves as given from the first frame on. */
    static Node start(UnaryOperator<CupnetOptions.Builder> customizer, MessageHandler behaviour) {
        Node node = new Node(customizer.apply(baseOptions()).build());
        node.onMessage(behaviour);
        node.center.start();
        return node;
    }

    static Node start() {
        return start(UnaryOperator.identity());
    }

    static CupnetOptions.Builder baseOptions() {
        return CupnetOptions.builder()
            .host("127.0.0.1")
            .port(0)
            .ackRetryInterval(Duration.ofMillis(200))
            .ackTimeout(Duration.ofSeconds(10))
            .deliveryTimeout(Duration.ofSeconds(5))
            .shutdownTimeout(Duration.ofSeconds(10));
    }

    /** Replaces what the handler does after it records a message. */
    Node onMessage(MessageHandler behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    PeerAddress address() {
        return this.center.localAddress();
    }

    CupMessage.Builder message(Node to, String body) {
        return CupMessage.builder().to(to.address()).type(7).body(body);
    }

    List<String> bodies() {
        return this.received.stream().map(CupMessage::bodyAsString).toList();
    }

    private void handle(CupMessage message, Acknowledgment acknowledgment) throws Exception {
        this.behaviour.onMessage(message, acknowledgment);
        this.received.add(message);
    }

    @Override
    public void close() {
        this.center.close();
    }

}
