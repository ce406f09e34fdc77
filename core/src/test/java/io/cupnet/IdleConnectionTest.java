package io.cupnet;

import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.cupnet.metrics.DropReason;
import io.cupnet.support.LogCapture;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
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
 * Connections with no traffic either way close after the idle timeout, inbound and
 * outbound; the next send opens a new one, and a busy connection stays open.
 */
class IdleConnectionTest {

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void anInboundConnectionWithNoTrafficIsClosedWithOneLineAndCounted() throws Exception {
        Node node = this.nodes.add(Node.start((options) -> trustingLoopback(options)
                .connection(c -> c.idleTimeout(Duration.ofMillis(500)))));

        try (Socket socket = connect(node)) {
            socket.getOutputStream().write(vector("01-first-normal.bin"));
            await().until(() -> node.bodies().contains("hello cup"));
            awaitClosedByNode(socket);

            String peer = remoteName(socket);
            await().until(() -> !this.logs.linesContaining(peer).isEmpty());
            assertThat(this.logs.linesContaining(peer)).singleElement()
                .asString()
                .startsWith("INFO Closing connection from " + peer)
                .contains("(idle_timeout)", "no traffic either way for 500 ms", "cupnet.connection.idle-timeout");
        }
        assertThat(node.center.stats().connectionsDropped(DropReason.IDLE_TIMEOUT).sum()).isEqualTo(1);
    }

    @Test
    void anIdleOutboundConnectionClosesAndTheNextSendOpensANewOne() {
        Node sender = this.nodes.add(Node.start((options) -> options
                .connection(c -> c.idleTimeout(Duration.ofMillis(500)))));
        Node receiver = this.nodes.add(Node.start());

        sender.center.send(sender.message(receiver, "before").build()).join();
        await().until(() -> sender.center.stats().connectionsDropped(DropReason.IDLE_TIMEOUT).sum() == 1);
        await().until(() -> sender.center.openConnections() == 0 && receiver.center.openConnections() == 0);
        sender.center.send(sender.message(receiver, "after").build()).join();

        await().until(() -> receiver.bodies().contains("after"));
        assertThat(receiver.bodies()).containsExactly("before", "after");
        assertThat(sender.center.stats().connectionsOpened().sum()).isEqualTo(2);
    }

    @Test
    void aConnectionCarryingTrafficStaysOpen() {
        Node sender = this.nodes.add(Node.start((options) -> options
                .connection(c -> c.idleTimeout(Duration.ofSeconds(2)))));
        Node receiver = this.nodes.add(Node.start((options) -> options
                .connection(c -> c.idleTimeout(Duration.ofSeconds(2)))));

        for (int i = 0; i < 25; i++) {
            sender.center.send(sender.message(receiver, "busy-" + i).needAck().build()).join();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }

        assertThat(sender.center.stats().connectionsDropped(DropReason.IDLE_TIMEOUT).sum()).isZero();
        assertThat(receiver.center.stats().connectionsDropped(DropReason.IDLE_TIMEOUT).sum()).isZero();
        assertThat(sender.center.stats().connectionsOpened().sum()).isEqualTo(2);
        assertThat(receiver.bodies()).hasSize(25);
    }

}
