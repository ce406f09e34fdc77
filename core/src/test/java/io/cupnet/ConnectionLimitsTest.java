package io.cupnet;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cupnet.DeliveryException.Reason;
import io.cupnet.metrics.DropReason;
import io.cupnet.support.LogCapture;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import io.cupnet.support.SteadyTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.cupnet.support.RawSockets.awaitClosedByNode;
import static io.cupnet.support.RawSockets.connect;
import static io.cupnet.support.RawSockets.remoteName;
import static io.cupnet.support.RawSockets.trustingLoopback;
import static io.cupnet.support.RawSockets.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limits a node puts on its peers, on real sockets: inbound connections, allowed
 * address ranges, frame size, and need-ack messages waiting for their ack.
 */
class ConnectionLimitsTest {

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void connectionsPastTheMaximumAreClosedAtAcceptUntilOneCloses() throws Exception {
        Node node = this.nodes.add(Node.start((options) -> trustingLoopback(options)
                .server(s -> s.maxConnections(2))));
        SteadyTraffic traffic = SteadyTraffic.between(node, this.nodes.add(Node.start()));

        try (Socket second = connect(node)) {
            second.getOutputStream().write(vector("01-first-normal.bin"));
            await().until(() -> node.bodies().contains("hello cup"));
            try (Socket third = connect(node)) {
                awaitClosedByNode(third);
                assertOneWarning(remoteName(third), "Refusing connection from " + remoteName(third)
                        + " (too_many_connections): 2 inbound connections are open, the maximum; "
                        + "raise option server.maxConnections");
            }
            assertThat(node.center.stats().connectionsDropped(DropReason.TOO_MANY_CONNECTIONS).sum()).isEqualTo(1);
        }

        await().until(() -> node.center.openConnections() == 2);
        try (Socket fourth = connect(node)) {
            fourth.getOutputStream().write(vector("07-binary-body-first.bin"));
            await().until(() -> node.received.stream().anyMatch((message) -> message.body().length == 1024));
        }
        traffic.awaitMoreRounds(3);
        traffic.assertFullyServed();
    }

    @Test
    void aConnectionFromOutsideTheAllowedRangesIsClosedBeforeAnyPipelineWork() throws Exception {
        Node node = this.nodes.add(Node.start((options) -> trustingLoopback(options)
                .server(s -> s.allowedPeers(List.of("127.0.0.1/32", "fd00::/8")))));
        SteadyTraffic traffic = SteadyTraffic.between(node, this.nodes.add(Node.start()));
        long openedBefore = node.center.stats().connectionsOpened().sum();

        try (Socket outsider = new Socket()) {
            outsider.setSoTimeout(15_000);
            outsider.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            outsider.connect(new InetSocketAddress("127.0.0.1", node.center.port()));
            outsider.getOutputStream().write(vector("01-first-normal.bin"));
            awaitClosedByNode(outsider);

            String name = "/127.0.0.2:" + outsider.getLocalPort();
            assertOneWarning(name, "Refusing connection from " + name + " (not_allowed): not in the allowed peers "
                    + "[127.0.0.1/32, fd00::/8]; add its range to option server.allowedPeers");
        }

        assertThat(node.center.stats().connectionsDropped(DropReason.NOT_ALLOWED).sum()).isEqualTo(1);
        assertThat(node.center.stats().connectionsOpened().sum()).isEqualTo(openedBefore);
        assertThat(node.bodies()).doesNotContain("hello cup");
        traffic.awaitMoreRounds(3);
        traffic.assertFullyServed();
    }

    @Test
    void anOversizeFrameIsRefusedNamingTheLengthTheMaximumThePeerAndTheProperty() throws Exception {
        Node node = this.nodes.add(Node.start((options) -> trustingLoopback(options)
                .transport(t -> t.maxFrameSize(1024))));
        Node peer = this.nodes.add(Node.start());

        try (Socket socket = connect(node)) {
            socket.getOutputStream().write(vector("07-binary-body-first.bin"));
            awaitClosedByNode(socket);
            String name = remoteName(socket);
            assertOneWarning(name, "Frame length 1096 exceeds maximum 1024 from " + name
                    + "; raise option transport.maxFrameSize");
        }
        CompletableFuture<DeliveryResult> tooLarge = node.center.send(node.message(peer, "x".repeat(1024)).build());

        assertThat(node.center.stats().framesRejected(CorruptedFrameException.Reason.OVERSIZE).sum()).isEqualTo(1);
        assertThat(failure(tooLarge)).isEqualTo(Reason.INVALID_MESSAGE);
        assertThat(exception(tooLarge)).hasMessageContaining("frame length 1096 exceeds the maximum frame length 1024")
            .hasMessageContaining("option transport.maxFrameSize");
    }

    @Test
    void needAckSendsPastThePendingLimitsFailAtOnceUntilAcksArrive() {
        Node sender = this.nodes.add(Node.start((options) -> options.ack(a -> a.maxPendingPerPeer(3).maxPending(5))
            .shutdownTimeout(Duration.ofMillis(300))));
        List<Acknowledgment> held = new CopyOnWriteArrayList<>();
        Node slow = this.nodes.add(Node.start((options) -> options.ack(a -> a.mode(AckMode.MANUAL)),
                (message, ack) -> held.add(ack)));
        Node other = this.nodes.add(Node.start((options) -> options.ack(a -> a.mode(AckMode.MANUAL))));

        List<CompletableFuture<DeliveryResult>> toSlow = List.of(send(sender, slow, "1"), send(sender, slow, "2"),
                send(sender, slow, "3"));
        CompletableFuture<DeliveryResult> perPeerRefused = send(sender, slow, "4");
        send(sender, other, "5");
        send(sender, other, "6");
        CompletableFuture<DeliveryResult> totalRefused = send(sender, other, "7");

        assertThat(failure(perPeerRefused)).isEqualTo(Reason.TOO_MANY_PENDING_ACKS);
        assertThat(exception(perPeerRefused)).hasMessageContaining("3 need-ack messages to " + slow.address()
                + " are already waiting for their ack").hasMessageContaining("option ack.maxPendingPerPeer");
        assertThat(failure(totalRefused)).isEqualTo(Reason.TOO_MANY_PENDING_ACKS);
        assertThat(exception(totalRefused)).hasMessageContaining("5 need-ack messages")
            .hasMessageContaining("raise option ack.maxPending").hasMessageNotContaining("PerPeer");
        assertThat(sender.center.stats().pendingAcksRefused().sum()).isEqualTo(2);
        assertThat(sender.center.pendingAcks()).isEqualTo(5);

        await().until(() -> held.size() == 3);
        held.forEach(Acknowledgment::acknowledge);
        toSlow.forEach(CompletableFuture::join);
        CompletableFuture<DeliveryResult> afterAcks = send(sender, slow, "8");
        await().until(() -> held.size() == 4);
        held.get(3).acknowledge();

        assertThat(afterAcks.join().status()).isEqualTo(DeliveryResult.Status.ACKED);
    }

    private static CompletableFuture<DeliveryResult> send(Node from, Node to, String body) {
        return from.center.send(from.message(to, body).needAck().build());
    }

    private static Reason failure(CompletableFuture<DeliveryResult> future) {
        assertThat(future).isCompletedExceptionally();
        return ((DeliveryException) exception(future)).reason();
    }

    private static Throwable exception(CompletableFuture<DeliveryResult> future) {
        return future.handle((result, failure) -> failure).join();
    }

    private void assertOneWarning(String peer, String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !this.logs.linesContaining(peer).isEmpty());
        assertThat(this.logs.linesContaining(peer)).singleElement().asString().startsWith("WARN ").contains(text);
    }

}
