package io.cupnet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import io.cupnet.internal.wire.CupFrameDecoder;
import io.cupnet.internal.wire.CupFrameEncoder;
import io.cupnet.metrics.CupnetStats;
import io.cupnet.metrics.DropReason;
import io.cupnet.metrics.RoundTripTimes.Rtt;
import io.cupnet.options.CupnetOptions;
import io.cupnet.support.GoldenVectors;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import io.cupnet.support.RawSockets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CUP heartbeats on real sockets: answered always, sent when enabled, round trips measured,
 * silent peers closed, and never seen by a message handler.
 */
class HeartbeatTest {

    private static final Path VECTORS = GoldenVectors.directory();

    private static final UnaryOperator<CupnetOptions.Builder> HEARTBEATS = (options) -> options
        .heartbeat(h -> h.interval(Duration.ofMillis(100)).misses(3))
        .shutdownTimeout(Duration.ofMillis(500));

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @Test
    void twoNodesWithHeartbeatsMeasureRoundTripTimesAndTheirHandlersSeeNoHeartbeat() {
        Node a = this.nodes.add(Node.start(HEARTBEATS));
        Node b = this.nodes.add(Node.start(HEARTBEATS));

        a.center.send(a.message(b, "to b").build()).join();
        b.center.send(b.message(a, "to a").build()).join();

        await().until(() -> samples(a.center.stats(), b.address()) >= 3 && samples(b.center.stats(), a.address()) >= 3);
        assertThat(a.center.stats().heartbeatsSent().sum()).isGreaterThanOrEqualTo(3);
        assertThat(a.center.stats().heartbeatsAnswered().sum()).isGreaterThanOrEqualTo(3);
        assertThat(b.center.stats().heartbeatsReplied().sum()).isGreaterThanOrEqualTo(3);
        Rtt rtt = a.center.stats().roundTripTimes().of(b.address()).orElseThrow();
        assertThat(rtt.last()).isPositive();
        assertThat(rtt.average()).isPositive();
        assertThat(a.center.stats().heartbeatTimeouts().sum()).isZero();
        assertThat(b.center.stats().heartbeatTimeouts().sum()).isZero();
        assertThat(a.bodies()).containsExactly("to a");
        assertThat(b.bodies()).containsExactly("to b");
        assertThat(b.center.stats().messagesReceived().sum()).isEqualTo(1);
    }

    @Test
    void connectionWithoutApplicationTrafficStopsHeartbeatingSoThatTheIdleTimeoutClosesIt() {
        Node a = this.nodes.add(Node.start((options) -> HEARTBEATS.apply(options)
                .connection(c -> c.idleTimeout(Duration.ofMillis(500)))));
        Node b = this.nodes.add(Node.start());

        a.center.send(a.message(b, "to b").build()).join();

        await().until(() -> a.center.stats().connectionsDropped(DropReason.IDLE_TIMEOUT).sum() == 1);
        assertThat(a.center.stats().heartbeatsSent().sum()).isGreaterThanOrEqualTo(1);
        assertThat(a.center.stats().heartbeatTimeouts().sum()).isZero();
    }

    @Test
    void nodeWithoutHeartbeatsSendsNone() throws Exception {
        Node a = this.nodes.add(Node.start());
        Node b = this.nodes.add(Node.start());

        a.center.send(a.message(b, "to b").build()).join();
        b.center.send(b.message(a, "to a").build()).join();
        Thread.sleep(300);

        assertThat(a.center.stats().heartbeatsSent().sum()).isZero();
        assertThat(b.center.stats().heartbeatsReplied().sum()).isZero();
    }

    @Test
    void peerThatReadsButNeverAnswersHasItsConnectionClosed() throws Exception {
        Node node = this.nodes.add(Node.start(HEARTBEATS));
        try (ServerSocket silent = listen()) {
            PeerAddress silentAddress = PeerAddress.of("127.0.0.1", silent.getLocalPort());
            node.center.send(CupMessage.builder().to(silentAddress).type(7).body("hello").build()).join();

            byte[] read;
            try (Socket accepted = silent.accept()) {
                accepted.setSoTimeout(10_000);
                read = accepted.getInputStream().readAllBytes();
            }

            List<CupMessage> frames = decodeAll(read);
            assertThat(frames.get(0).bodyAsString()).isEqualTo("hello");
            List<CupMessage> heartbeats = frames.subList(1, frames.size());
            assertThat(heartbeats).hasSizeGreaterThanOrEqualTo(3).allSatisfy((frame) -> {
                assertThat(frame.type()).isEqualTo(MessageTypes.HEART_BEAT);
                assertThat(frame.flags()).isEqualTo(MessageFlags.URGENT);
                assertThat(frame.from()).isEqualTo(node.address());
                assertThat(frame.to()).isEqualTo(silentAddress);
            });
            assertThat(node.center.stats().heartbeatTimeouts().sum()).isEqualTo(1);
            assertThat(node.center.stats().roundTripTimes().of(silentAddress)).isEmpty();
        }
    }

    @Test
    void heartbeatFromAPythonPeerIsAnsweredOnItsConnectionEvenWithHeartbeatsOff() throws Exception {
        Node node = this.nodes.add(Node.start(RawSockets::trustingLoopback));
        byte[] heartbeatBytes = Files.readAllBytes(VECTORS.resolve("03-urgent.bin"));
        CupMessage heartbeat = CupFrameDecoder.decodeFrame(Unpooled.wrappedBuffer(heartbeatBytes), false);

        try (Socket socket = new Socket("127.0.0.1", node.center.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(Files.readAllBytes(VECTORS.resolve("01-first-normal.bin")));
            out.write(heartbeatBytes);
            out.flush();

            CupMessage answer = readFrame(socket.getInputStream(), true);

            assertThat(answer.type()).isEqualTo(MessageTypes.ACK_HEART_BEAT);
            assertThat(answer.flags()).isEqualTo(MessageFlags.URGENT);
            assertThat(answer.uniqId()).isEqualTo(heartbeat.uniqId());
            assertThat(answer.to()).isEqualTo(heartbeat.from());
            assertThat(answer.from()).isEqualTo(node.address());
            await().until(() -> node.received.size() == 1);
        }
        assertThat(heartbeat.type()).isEqualTo(MessageTypes.HEART_BEAT);
        assertThat(node.bodies()).containsExactly("hello cup");
        assertThat(node.center.stats().heartbeatsReplied().sum()).isEqualTo(1);
    }

    @Test
    void typeOneFrameWithoutTheUrgentFlagIsTheApplicationsOwn() {
        Node a = this.nodes.add(Node.start());
        Node b = this.nodes.add(Node.start());

        a.center.send(CupMessage.builder().to(b.address()).type(MessageTypes.HEART_BEAT).body("app").build()).join();

        await().until(() -> b.received.size() == 1);
        assertThat(b.bodies()).containsExactly("app");
        assertThat(b.center.stats().heartbeatsReplied().sum()).isZero();
    }

    @Test
    void answerSentOverThePeersOwnConnectionCountsAsPythonCupApplicationsSendIt() throws Exception {
        Node node = this.nodes.add(Node.start(HEARTBEATS));
        try (ServerSocket python = listen()) {
            PeerAddress pythonAddress = PeerAddress.of("127.0.0.1", python.getLocalPort());
            node.center.send(CupMessage.builder().to(pythonAddress).type(7).body("hello").build()).join();
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> answerOverOwnConnection(python,
                    pythonAddress, node.center.port(), stop));

            await().until(() -> samples(node.center.stats(), pythonAddress) >= 6);
            stop.set(true);

            // Three misses would have closed the connection: six answered heartbeats kept it.
            assertThat(node.center.stats().heartbeatTimeouts().sum()).isZero();
            assertThat(node.received).isEmpty();
            peer.get(10, TimeUnit.SECONDS);
        }
    }

    /** A Python CUP application's answer: {@code post_msg} to the node's listening port, over its own connection. */
    private static void answerOverOwnConnection(ServerSocket python, PeerAddress pythonAddress, int nodePort,
            AtomicBoolean stop) {
        try (Socket fromNode = python.accept(); Socket toNode = new Socket("127.0.0.1", nodePort)) {
            InputStream in = fromNode.getInputStream();
            readFrame(in, true);
            boolean first = true;
            while (!stop.get()) {
                CupMessage heartbeat = readFrame(in, false);
                CupMessage answer = CupMessage.builder()
                    .flags(MessageFlags.URGENT)
                    .type(MessageTypes.ACK_HEART_BEAT)
                    .from(pythonAddress)
                    .to(heartbeat.from())
                    .uniqId(heartbeat.uniqId())
                    .build();
                toNode.getOutputStream().write(encode(answer, first));
                first = false;
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static long samples(CupnetStats stats, PeerAddress peer) {
        return stats.roundTripTimes().of(peer).map(Rtt::samples).orElse(0L);
    }

    private static ServerSocket listen() throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        server.setSoTimeout(10_000);
        return server;
    }

    private static List<CupMessage> decodeAll(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        List<CupMessage> frames = new ArrayList<>();
        while (in.isReadable()) {
            frames.add(CupFrameDecoder.decodeFrame(in, frames.isEmpty()));
        }
        return frames;
    }

    /** Reads one frame: the head when asked, then flag and len, then the rest that len says. */
    private static CupMessage readFrame(InputStream in, boolean withHead) throws IOException {
        int prefix = (withHead ? CupMessage.HEAD_LENGTH : 0) + 12;
        byte[] start = in.readNBytes(prefix);
        if (start.length < prefix) {
            throw new IOException("connection closed");
        }
        long length = Unpooled.wrappedBuffer(start).getLongLE(prefix - 8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(start);
        frame.write(in.readNBytes((int) length - prefix));
        return CupFrameDecoder.decodeFrame(Unpooled.wrappedBuffer(frame.toByteArray()), withHead);
    }

    private static byte[] encode(CupMessage message, boolean withHead) {
        ByteBuf buffer = Unpooled.buffer();
        CupFrameEncoder.encode(message, withHead, buffer);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }

}
