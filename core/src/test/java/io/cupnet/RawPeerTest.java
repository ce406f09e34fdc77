package io.cupnet;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cupnet.internal.wire.CupFrameDecoder;
import io.cupnet.internal.wire.CupFrameEncoder;
import io.cupnet.support.GoldenVectors;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import io.cupnet.support.RawSockets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A running node fed raw bytes over a real socket: the golden frames that Python CUP
 * produced. Malformed input is in {@link HostileInputTest}.
 */
class RawPeerTest {

    private static final Path VECTORS = GoldenVectors.directory();

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @Test
    void framesWrittenByPythonCupAreHandled() throws Exception {
        Node node = this.nodes.add(Node.start(RawSockets::trustingLoopback));

        try (Socket socket = connect(node)) {
            OutputStream out = socket.getOutputStream();
            List<String> files = List.of("01-first-normal.bin", "02-next-normal.bin", "03-urgent.bin", "06-empty-body.bin");
            for (String file : files) {
                out.write(Files.readAllBytes(VECTORS.resolve(file)));
            }
            out.flush();
            await().until(() -> node.received.size() == 3);
        }

        // 03-urgent is a HEART_BEAT: answered by cupnet itself (HeartbeatTest), never handed to the handler.
        assertThat(node.bodies()).containsExactlyInAnyOrder("hello cup", "second", "");
        assertThat(node.received).allSatisfy((message) -> assertThat(message.from().toString())
                .isEqualTo("10.1.2.3:5000/7/9"));
    }

    @Test
    void framesSentToAPythonStylePeerCarryTheHeadOnlyOnAConnectionsFirstFrame() throws Exception {
        // The fake peer never acks: do not wait long for it at shutdown.
        Node node = this.nodes.add(Node.start((options) -> options.shutdownTimeout(Duration.ofMillis(300))));
        try (ServerSocket python = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            python.setSoTimeout(10_000);
            PeerAddress pythonAddress = PeerAddress.of("127.0.0.1", python.getLocalPort());
            node.center.send(CupMessage.builder().to(pythonAddress).type(7).body("one").build()).join();
            node.center.send(CupMessage.builder().to(pythonAddress).type(8).body("two").needAck().build());

            try (Socket accepted = python.accept()) {
                accepted.setSoTimeout(10_000);
                byte[] bytes = accepted.getInputStream().readNBytes(72 + 3 + 64 + 3);
                ByteBuf in = Unpooled.wrappedBuffer(bytes);
                CupMessage first = CupFrameDecoder.decodeFrame(in, true);
                CupMessage second = CupFrameDecoder.decodeFrame(in, false);

                assertThat(new String(bytes, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("CUP012-3");
                assertThat(first.bodyAsString()).isEqualTo("one");
                assertThat(first.from()).isEqualTo(node.address());
                assertThat(first.to()).isEqualTo(pythonAddress);
                assertThat(first.flags()).isEqualTo(MessageFlags.NORMAL);
                assertThat(second.bodyAsString()).isEqualTo("two");
                assertThat(second.flags()).isEqualTo(MessageFlags.NORMAL | MessageFlags.NEEDACK);
                assertThat(in.isReadable()).isFalse();
            }
        }
    }

    @Test
    void needAckFramesFromTwoPeersAreEachAckedToItsSenderAsCupWritesAcks() throws Exception {
        Node node = this.nodes.add(Node.start());
        try (ServerSocket peerA = listener(); ServerSocket peerB = listener(); Socket socketA = connect(node);
                Socket socketB = connect(node)) {
            List<CupMessage> fromA = List.of(needAck(peerA, node, 1), needAck(peerA, node, 2), needAck(peerA, node, 4));
            List<CupMessage> fromB = List.of(needAck(peerB, node, 3));
            write(socketA, fromA);
            write(socketB, fromB);

            assertThat(readAcks(peerA, fromA.size())).containsExactlyInAnyOrderElementsOf(acksOf(fromA));
            assertThat(readAcks(peerB, fromB.size())).containsExactlyElementsOf(acksOf(fromB));
        }
    }

    @Test
    void ackThatCannotReachItsSenderIsDroppedAtTheDeliveryTimeoutAndSettled() throws Exception {
        Node node = this.nodes.add(Node.start((options) -> options
                .send(s -> s.deliveryTimeout(Duration.ofMillis(300)))));
        int deadPort;
        try (ServerSocket closed = listener()) {
            deadPort = closed.getLocalPort();
        }
        CupMessage frame = CupMessage.builder().from(PeerAddress.of("127.0.0.1", deadPort)).to(node.address())
            .type(7).uniqId(UniqId.of(1)).body("nobody listens").needAck().build();
        ByteBuf bytes = Unpooled.buffer();
        CupFrameEncoder.encode(frame, true, bytes);

        try (Socket socket = connect(node)) {
            socket.getOutputStream().write(ByteBufUtil.getBytes(bytes));
            bytes.release();
            await().until(() -> node.received.size() == 1);
        }

        // The ack's connection is refused; once its deadline passed a failed attempt drops it, and it no longer
        // counts in flight, so the node terminates cleanly rather than at the end of the timeout.
        await().until(() -> node.center.stats().connectFailures().sum() > 0);
        assertThat(node.center.awaitTermination(Duration.ofSeconds(8))).isTrue();
        assertThat(node.center.sendQueueDepth(Lane.NORMAL)).isZero();
    }

    private static ServerSocket listener() throws Exception {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        server.setSoTimeout(10_000);
        return server;
    }

    private static CupMessage needAck(ServerSocket sender, Node to, long uniqId) {
        return CupMessage.builder().from(PeerAddress.of("127.0.0.1", sender.getLocalPort())).to(to.address())
            .type(7).uniqId(UniqId.of(uniqId)).body("m" + uniqId).needAck().build();
    }

    /** Writes frames as one connection's stream: the head, then the frames, in one write. */
    private static void write(Socket socket, List<CupMessage> frames) throws Exception {
        ByteBuf bytes = Unpooled.buffer();
        for (CupMessage frame : frames) {
            CupFrameEncoder.encode(frame, !bytes.isReadable(), bytes);
        }
        socket.getOutputStream().write(ByteBufUtil.getBytes(bytes));
        bytes.release();
    }

    private static List<CupMessage> acksOf(List<CupMessage> frames) {
        return frames.stream().map(CupMessage::ackFrame).toList();
    }

    /** The first {@code count} frames on the connection the node opens to {@code peer}, which starts with the head. */
    private static List<CupMessage> readAcks(ServerSocket peer, int count) throws Exception {
        try (Socket accepted = peer.accept()) {
            accepted.setSoTimeout(10_000);
            int length = CupMessage.HEAD_LENGTH + count * CupFrameEncoder.ackLength(false);
            ByteBuf in = Unpooled.wrappedBuffer(accepted.getInputStream().readNBytes(length));
            List<CupMessage> acks = new ArrayList<>();
            while (in.isReadable()) {
                acks.add(CupFrameDecoder.decodeFrame(in, acks.isEmpty()));
            }
            in.release();
            return acks;
        }
    }

    private static Socket connect(Node node) throws Exception {
        Socket socket = new Socket("127.0.0.1", node.center.port());
        socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
        return socket;
    }

}
