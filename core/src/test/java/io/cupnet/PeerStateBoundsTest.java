package io.cupnet;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import io.cupnet.PeerSnapshot.Direction;
import io.cupnet.internal.wire.CupFrameEncoder;
import io.cupnet.metrics.DropReason;
import io.cupnet.support.LogCapture;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import io.cupnet.support.SteadyTraffic;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.cupnet.support.RawSockets.awaitClosedByNode;
import static io.cupnet.support.RawSockets.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What hostile or broken peers can make a node hold, over real sockets: the peers it keeps and
 * dials, the acks it queues for a peer that does not read them, and the heartbeat answers it
 * writes to one; each bounded and counted while well-behaved traffic goes on.
 */
class PeerStateBoundsTest {

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final List<ServerSocket> listeners = new ArrayList<>();

    @AfterEach
    void closeListeners() throws Exception {
        for (ServerSocket listener : this.listeners) {
            listener.close();
        }
    }

    @Test
    void oneConnectionClaimingAThousandAddressesMakesTheNodeKeepAndDialOnlyTheFirst() throws Exception {
        Node node = this.nodes.add(Node.start());
        SteadyTraffic traffic = SteadyTraffic.between(node, this.nodes.add(Node.start()));
        long peersBefore = outboundPeers(node);
        long attemptsBefore = node.center.stats().connectAttempts().sum();
        ServerSocket firstClaim = listener();

        try (Socket socket = connect(node)) {
            write(socket, 1000, (i) -> needAck(node, firstClaim.getLocalPort() + i, i));
            awaitClosedByNode(socket);
        }
        try (Socket acks = firstClaim.accept()) {
            acks.getInputStream().readNBytes(CupFrameEncoder.ackLength(true));
        }

        traffic.awaitMoreRounds(5);
        traffic.assertFullyServed();
        assertThat(node.center.stats().connectionsDropped(DropReason.SPOOFED_FROM).sum()).isEqualTo(1);
        assertThat(handledFrom(node, firstClaim)).isEqualTo(1);
        assertThat(outboundPeers(node)).isLessThanOrEqualTo(peersBefore + 1);
        assertThat(node.center.stats().connectAttempts().sum() - attemptsBefore).isEqualTo(1);
    }

    @Test
    void pastThePeerLimitAcksToNewPeersAreDroppedCountedAndLoggedOnce() throws Exception {
        Node node = this.nodes.add(Node.start((options) -> options.connection((c) -> c.maxPeers(3))));
        SteadyTraffic traffic = SteadyTraffic.between(node, this.nodes.add(Node.start()));

        for (int i = 0; i < 5; i++) {
            ServerSocket claimed = listener();
            try (Socket socket = connect(node)) {
                write(socket, 1, (n) -> needAck(node, claimed.getLocalPort(), n));
                await().until(() -> handledFrom(node, claimed) == 1);
            }
        }

        await().until(() -> node.center.stats().peersRefused().sum() == 3);
        assertThat(node.center.stats().acksDropped().sum()).isEqualTo(3);
        assertThat(outboundPeers(node)).isEqualTo(3);
        assertThat(this.logs.linesContaining("option connection.maxPeers")).singleElement()
            .asString()
            .startsWith("WARN Not keeping state for peer 127.0.0.1:")
            .contains("this node keeps 3 peers, the maximum");
        traffic.awaitMoreRounds(5);
        traffic.assertFullyServed();
    }

    @Test
    void aPeerWithNothingQueuedAndNoConnectionIsForgottenAfterTheIdleTime() throws Exception {
        Node node = this.nodes.add(Node.start((options) -> options
                .connection((c) -> c.peerIdleTimeout(Duration.ofMillis(200)))));
        ServerSocket claimed = listener();

        try (Socket socket = connect(node)) {
            write(socket, 1, (n) -> needAck(node, claimed.getLocalPort(), n));
            try (Socket acks = claimed.accept()) {
                acks.getInputStream().readNBytes(CupFrameEncoder.ackLength(true));
            }
        }
        await().until(() -> node.center.stats().peersForgotten().sum() == 1);

        assertThat(outboundPeers(node)).isZero();
        assertThat(node.center.peers()).isEmpty();
    }

    @Test
    void aPeerThatNeverReadsItsAcksMakesTheNodeDropTheOldestNotHoldThemAll() throws Exception {
        int frames = 50_000;
        int maxQueued = 500;
        Node node = this.nodes.add(Node.start((options) -> options.ack((a) -> a.maxQueuedPerPeer(maxQueued))
                .shutdownTimeout(Duration.ofMillis(500))));
        ServerSocket stalled = listener();

        try (Socket socket = connect(node)) {
            write(socket, frames, (n) -> needAck(node, stalled.getLocalPort(), n));
            try (Socket neverRead = stalled.accept()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> handledFrom(node, stalled) == frames);
                await().until(() -> node.center.stats().acksDropped().sum() > 0);

                assertThat(node.center.sendQueueDepth(Lane.NORMAL)).isLessThanOrEqualTo(maxQueued);
                assertThat(this.logs.linesContaining("option ack.maxQueuedPerPeer")).singleElement()
                    .asString()
                    .contains("Dropping the oldest acks to 127.0.0.1:" + stalled.getLocalPort());
            }
        }
    }

    @Test
    void heartbeatsFromAPeerThatNeverReadsAreAnsweredOnlyWhileItsConnectionIsWritable() throws Exception {
        int heartbeats = 50_000;
        Node node = this.nodes.add(Node.start());

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", node.center.port()));
            write(socket, heartbeats, (n) -> CupMessage.builder().flags(MessageFlags.URGENT)
                .type(MessageTypes.HEART_BEAT).from(PeerAddress.of("127.0.0.1", 9)).to(node.address())
                .uniqId(UniqId.of(n)).build());
            await().until(() -> node.center.stats().heartbeatsReplied().sum()
                    + node.center.stats().heartbeatAnswersDropped().sum() == heartbeats);
        }

        assertThat(node.center.stats().heartbeatAnswersDropped().sum()).isPositive();
    }

    private ServerSocket listener() throws Exception {
        ServerSocket server = new ServerSocket();
        server.setReceiveBufferSize(4096);
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        server.setSoTimeout(10_000);
        this.listeners.add(server);
        return server;
    }

    private static CupMessage needAck(Node to, int fromPort, long uniqId) {
        return CupMessage.builder().from(PeerAddress.of("127.0.0.1", fromPort)).to(to.address()).type(7)
            .uniqId(UniqId.of(uniqId)).body("m").needAck().build();
    }

    /** Writes {@code count} frames as one connection's stream, in writes of about 64 KB. */
    private static void write(Socket socket, int count, IntFunction<CupMessage> frame) throws Exception {
        OutputStream out = socket.getOutputStream();
        ByteBuf bytes = Unpooled.buffer();
        for (int i = 0; i < count; i++) {
            CupFrameEncoder.encode(frame.apply(i), i == 0, bytes);
            if (bytes.readableBytes() > 65_536 || i == count - 1) {
                out.write(ByteBufUtil.getBytes(bytes));
                bytes.clear();
            }
        }
        out.flush();
        bytes.release();
    }

    private static long handledFrom(Node node, ServerSocket claimed) {
        return node.received.stream().filter((message) -> message.from().port() == claimed.getLocalPort()).count();
    }

    private static long outboundPeers(Node node) {
        return node.center.peers().stream()
            .filter((row) -> row.direction() == Direction.OUTBOUND)
            .map(PeerSnapshot::peer)
            .distinct()
            .count();
    }

}
