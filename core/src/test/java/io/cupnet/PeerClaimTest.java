package io.cupnet;

import java.net.Socket;
import java.util.List;
import java.util.function.UnaryOperator;

import io.cupnet.internal.wire.CupFrameEncoder;
import io.cupnet.metrics.DropReason;
import io.cupnet.options.CupnetOptions;
import io.cupnet.support.LogCapture;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import io.cupnet.support.SteadyTraffic;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.cupnet.support.RawSockets.awaitClosedByNode;
import static io.cupnet.support.RawSockets.connect;
import static io.cupnet.support.RawSockets.remoteName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection speaks for one peer: raw sockets claiming addresses in {@code from} that their
 * connection may not speak for are closed with one line and counted, and the node dials none
 * of them, while a well-behaved peer keeps exchanging need-ack messages with it.
 */
class PeerClaimTest {

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private Node node;

    private SteadyTraffic traffic;

    @Test
    void aFirstFrameClaimingAnotherIpThanItsConnectionsClosesItAndIsNeitherHandledNorAcked() throws Exception {
        start(UnaryOperator.identity());
        long attemptsBefore = this.node.center.stats().connectAttempts().sum();

        try (Socket socket = connect(this.node)) {
            write(socket, needAck("10.9.9.9", 7000, 1));
            awaitClosedByNode(socket);
            assertDroppedOnce(socket, "claims from 10.9.9.9:7000, not the connection's own IP 127.0.0.1",
                    "option server.trustedProxies");
        }

        assertThat(bodies()).doesNotContain("m1");
        assertStillServing();
        assertThat(this.node.center.stats().connectAttempts().sum()).isEqualTo(attemptsBefore);
    }

    @Test
    void aLaterFrameClaimingAnotherPortClosesTheConnectionAfterTheFramesBeforeIt() throws Exception {
        start(UnaryOperator.identity());

        try (Socket socket = connect(this.node)) {
            write(socket, plain("127.0.0.1", 7001, 0, "first"), plain("127.0.0.1", 7001, 3, "same peer, other stub"),
                    plain("127.0.0.1", 7002, 0, "another peer"), plain("127.0.0.1", 7001, 0, "after"));
            awaitClosedByNode(socket);
            assertDroppedOnce(socket, "a frame claims from 127.0.0.1:7002 after the connection's first frame "
                    + "claimed 127.0.0.1:7001", "a connection speaks for one peer");
        }

        await().until(() -> bodies().containsAll(List.of("first", "same peer, other stub")));
        assertStillServing();
        assertThat(bodies()).doesNotContain("another peer", "after");
    }

    @Test
    void aConnectionFromATrustedProxyMaySpeakForAPeerAtAnotherIp() throws Exception {
        start((options) -> options.server((server) -> server.trustedProxies(List.of("127.0.0.0/8"))));

        try (Socket socket = connect(this.node)) {
            write(socket, plain("10.9.9.9", 7000, 0, "through the gateway"), plain("10.9.9.9", 7000, 0, "again"));
            await().until(() -> bodies().containsAll(List.of("through the gateway", "again")));
            assertThat(this.logs.linesContaining(remoteName(socket))).isEmpty();
        }

        assertThat(this.node.center.stats().connectionsDropped(DropReason.SPOOFED_FROM).sum()).isZero();
        assertStillServing();
    }

    private void start(UnaryOperator<CupnetOptions.Builder> options) {
        this.node = this.nodes.add(Node.start(options));
        this.traffic = SteadyTraffic.between(this.node, this.nodes.add(Node.start()));
    }

    private List<String> bodies() {
        return this.node.bodies();
    }

    private CupMessage needAck(String ip, int port, long uniqId) {
        return CupMessage.builder().from(PeerAddress.of(ip, port)).to(this.node.address()).type(7)
            .uniqId(UniqId.of(uniqId)).body("m" + uniqId).needAck().build();
    }

    private CupMessage plain(String ip, int port, int stub, String body) {
        return CupMessage.builder().from(PeerAddress.of(ip, port).withSubEndpoint(stub, 0)).to(this.node.address())
            .type(7).uniqId(UniqId.of(body.hashCode() & 0xffff)).body(body).build();
    }

    private static void write(Socket socket, CupMessage... frames) throws Exception {
        ByteBuf bytes = Unpooled.buffer();
        for (CupMessage frame : frames) {
            CupFrameEncoder.encode(frame, !bytes.isReadable(), bytes);
        }
        socket.getOutputStream().write(ByteBufUtil.getBytes(bytes));
        bytes.release();
    }

    private void assertDroppedOnce(Socket socket, String... details) {
        String peer = remoteName(socket);
        await().until(() -> this.node.center.stats().connectionsDropped(DropReason.SPOOFED_FROM).sum() == 1);
        await().until(() -> !this.logs.linesContaining(peer).isEmpty());
        assertThat(this.logs.linesContaining(peer)).singleElement()
            .asString()
            .startsWith("WARN Closing connection from " + peer)
            .contains("(spoofed_from)")
            .contains(details);
    }

    private void assertStillServing() {
        this.traffic.awaitMoreRounds(5);
        this.traffic.assertFullyServed();
    }

}
