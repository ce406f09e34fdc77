package io.cupnet;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.cupnet.PeerSnapshot.Direction;
import io.cupnet.PeerSnapshot.State;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read-only views of a node's connections that operators see: {@link MessageCenter#peers()},
 * open connections by direction and send queue depth by lane.
 */
class PeerSnapshotTest {

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @Test
    void bothEndsOfAConnectionAreListedWithTheirPeerAndDirection() {
        Node sender = this.nodes.add(Node.start());
        Node receiver = this.nodes.add(Node.start());

        sender.center.send(sender.message(receiver, "hello").build()).join();
        await().until(() -> receiver.received.size() == 1);

        assertThat(sender.center.peers()).singleElement().satisfies((row) -> {
            assertThat(row.peer()).isEqualTo(receiver.address());
            assertThat(row.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(row.state()).isEqualTo(State.CONNECTED);
            assertThat(row.remoteAddress()).isEqualTo(receiver.address().toString());
            assertThat(row.queueDepth()).isZero();
            assertThat(row.lastActivity()).isNotNull();
        });
        assertThat(receiver.center.peers()).singleElement().satisfies((row) -> {
            assertThat(row.peer()).isEqualTo(sender.address());
            assertThat(row.direction()).isEqualTo(Direction.INBOUND);
            assertThat(row.state()).isEqualTo(State.CONNECTED);
        });
        assertThat(sender.center.openConnections(Direction.OUTBOUND)).isEqualTo(1);
        assertThat(sender.center.openConnections(Direction.INBOUND)).isZero();
        assertThat(receiver.center.openConnections(Direction.INBOUND)).isEqualTo(1);
        assertThat(receiver.center.boundAddress().getPort()).isEqualTo(receiver.center.port());
    }

    @Test
    void aClosedPeerStaysListedAsDisconnected() {
        Node sender = this.nodes.add(Node.start());
        Node receiver = this.nodes.add(Node.start());
        sender.center.send(sender.message(receiver, "hello").build()).join();

        assertThat(sender.center.closePeer(receiver.address())).isEqualTo(1);

        await().untilAsserted(() -> assertThat(sender.center.peers()).singleElement()
            .satisfies((row) -> assertThat(row.state()).isEqualTo(State.DISCONNECTED)));
        assertThat(sender.center.openConnections(Direction.OUTBOUND)).isZero();
    }

    @Test
    void framesWaitingForAnUnreachablePeerCountInTheirLane() throws Exception {
        Node sender = this.nodes.add(Node.start((options) -> options.shutdownTimeout(Duration.ofMillis(300))));
        PeerAddress nowhere = PeerAddress.of("127.0.0.1", freePort());

        sender.center.send(CupMessage.builder().to(nowhere).type(7).body("waits").build());

        assertThat(sender.center.sendQueueDepth(Lane.NORMAL)).isEqualTo(1);
        assertThat(sender.center.sendQueueDepth(Lane.URGENT)).isZero();
        assertThat(sender.center.peers()).singleElement().satisfies((row) -> {
            assertThat(row.peer()).isEqualTo(nowhere);
            assertThat(row.state()).isEqualTo(State.DISCONNECTED);
            assertThat(row.normalQueued()).isEqualTo(1);
        });
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

}
