package io.cupnet;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cupnet.DeliveryException.Reason;
import io.cupnet.PeerSnapshot.Direction;
import io.cupnet.PeerSnapshot.State;
import io.cupnet.options.CupnetOptions;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The views a message center gives operators, {@link MessageCenter#connections()} and {@link MessageCenter#acks()},
 * read on two real nodes.
 */
class CenterViewsTest {

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @Test
    void connectionsShowBothEndsOfAConnectionAndCloseAPeer() {
        Node sender = this.nodes.add(Node.start());
        Node receiver = this.nodes.add(Node.start());
        Connections connections = sender.center.connections();

        sender.center.send(sender.message(receiver, "hello").build()).join();

        assertThat(connections.peerCount()).isEqualTo(1);
        assertThat(connections.openConnections()).isEqualTo(1);
        assertThat(connections.openConnections(Direction.OUTBOUND)).isEqualTo(1);
        assertThat(connections.peers()).singleElement().satisfies((row) -> {
            assertThat(row.peer()).isEqualTo(receiver.address());
            assertThat(row.state()).isEqualTo(State.CONNECTED);
        });
        assertThat(connections.sendQueueDepth(Lane.NORMAL)).isZero();
        assertThat(connections.isReadingPaused()).isFalse();
        await().until(() -> receiver.center.connections().openConnections(Direction.INBOUND) == 1);

        assertThat(connections.closePeer(receiver.address())).isEqualTo(1);
        await().until(() -> connections.openConnections() == 0);
        assertThat(sender.center.connections()).isSameAs(connections);
    }

    @Test
    void acksShowWhatIsPendingPerPeerAndCountEachOutcome() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Node receiver = this.nodes.add(Node.start((options) -> options,
                (message, ack) -> release.await(10, TimeUnit.SECONDS)));
        Node sender = this.nodes.add(Node.start((options) -> options
                .ack(a -> a.maxPendingPerPeer(1).timeout(Duration.ofSeconds(1)))
                .send(s -> s.deliveryTimeout(Duration.ofSeconds(1)))));
        AckTracking acks = sender.center.acks();

        CompletableFuture<DeliveryResult> held = sender.center.send(sender.message(receiver, "held").needAck().build());
        CompletableFuture<DeliveryResult> refused = sender.center
            .send(sender.message(receiver, "refused").needAck().build());

        assertThat(refused).failsWithin(Duration.ofSeconds(10));
        assertThat(acks.pending()).isEqualTo(1);
        assertThat(acks.pending(receiver.address())).isEqualTo(1);
        assertThat(acks.pendingByPeer()).isEqualTo(Map.of(receiver.address(), 1));
        assertThat(acks.refused()).isEqualTo(1);

        release.countDown();
        assertThat(held).succeedsWithin(Duration.ofSeconds(10));
        assertThat(acks.acked()).isEqualTo(1);
        assertThat(acks.pending()).isZero();
        assertThat(acks.pendingByPeer()).isEmpty();

        CompletableFuture<DeliveryResult> lost = sender.center.send(CupMessage.builder().to(unusedAddress()).type(7)
            .body("lost").needAck().build());
        assertThat(lost).failsWithin(Duration.ofSeconds(10))
            .withThrowableThat()
            .havingCause()
            .isInstanceOfSatisfying(DeliveryException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(Reason.PEER_UNREACHABLE));
        assertThat(acks.unreachable()).isEqualTo(1);
        assertThat(acks.timedOut()).isZero();
        assertThat(sender.center.acks()).isSameAs(acks);
    }

    @Test
    void viewsOfACenterThatHasNotStartedAreEmptyAndRefuseToClose() {
        MessageCenter center = new MessageCenter(Node.baseOptions().build(), (message, ack) -> {
        });
        PeerAddress peer = PeerAddress.of("127.0.0.1", 7000);

        assertThat(center.connections().peers()).isEmpty();
        assertThat(center.connections().openConnections()).isZero();
        assertThat(center.acks().pending()).isZero();
        assertThat(center.acks().pending(peer)).isZero();
        assertThat(center.acks().pendingByPeer()).isEmpty();
        assertThatIllegalStateException().isThrownBy(() -> center.connections().closePeer(peer))
            .withMessageContaining("has not started");
    }

    private static PeerAddress unusedAddress() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return PeerAddress.of("127.0.0.1", socket.getLocalPort());
        }
    }

}
