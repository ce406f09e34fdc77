package io.cupnet.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import io.cupnet.MessageCenter;
import io.cupnet.MessageHandler;
import io.cupnet.PeerAddress;
import io.cupnet.options.CupnetOptions;

/**
 * A message center on 127.0.0.1 with a free port that records what its handler received.
 */
public final class Node implements AutoCloseable {

    public final List<CupMessage> received = new CopyOnWriteArrayList<>();

    public final MessageCenter center;

    private volatile MessageHandler behaviour = (message, ack) -> {
    };

    private Node(CupnetOptions options) {
        this.center = new MessageCenter(options, this::handle);
    }

    /** A started node with test-friendly options: fast retries, short timeouts. */
    public static Node start(UnaryOperator<CupnetOptions.Builder> customizer) {
        return start(customizer, (message, ack) -> {
        });
    }

    /** A started node whose handler behaves as given from the first frame on. */
    public static Node start(UnaryOperator<CupnetOptions.Builder> customizer, MessageHandler behaviour) {
        Node node = new Node(customizer.apply(baseOptions()).build());
        node.onMessage(behaviour);
        node.center.start();
        return node;
    }

    public static Node start() {
        return start(UnaryOperator.identity());
    }

    public static CupnetOptions.Builder baseOptions() {
        return CupnetOptions.builder()
            .server(s -> s.host("127.0.0.1").port(0))
            .ack(a -> a.retryInterval(Duration.ofMillis(200)).timeout(Duration.ofSeconds(10)))
            .send(s -> s.deliveryTimeout(Duration.ofSeconds(5)))
            .shutdownTimeout(Duration.ofSeconds(10));
    }

    /** Replaces what the handler does after it records a message. */
    public Node onMessage(MessageHandler behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    public PeerAddress address() {
        return this.center.localAddress();
    }

    public CupMessage.Builder message(Node to, String body) {
        return CupMessage.builder().to(to.address()).type(7).body(body);
    }

    public List<String> bodies() {
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
