package io.cupnet;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import io.cupnet.CorruptedFrameException.Reason;
import io.cupnet.metrics.DropReason;
import io.cupnet.options.CupnetOptions;
import io.cupnet.support.LogCapture;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import io.cupnet.support.SteadyTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.cupnet.support.RawSockets.LENGTH_OFFSET_WITHOUT_HEAD;
import static io.cupnet.support.RawSockets.LENGTH_OFFSET_WITH_HEAD;
import static io.cupnet.support.RawSockets.awaitClosedByNode;
import static io.cupnet.support.RawSockets.connect;
import static io.cupnet.support.RawSockets.remoteName;
import static io.cupnet.support.RawSockets.trustingLoopback;
import static io.cupnet.support.RawSockets.vector;
import static io.cupnet.support.RawSockets.withLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input on real sockets against a running node, while a well-behaved peer keeps
 * exchanging need-ack messages with it: each bad connection is closed (or timed out)
 * alone, with one log line naming it and the reason, and counted by reason.
 */
class HostileInputTest {

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private Node node;

    private SteadyTraffic traffic;

    @Test
    void garbageInsteadOfTheHeadClosesOnlyThatConnection() throws Exception {
        start(UnaryOperator.identity());

        try (Socket socket = connect(this.node)) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: cupnet\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            awaitClosedByNode(socket);
            assertRejectedOnce(socket, Reason.BAD_HEAD, "not head CUP012-3");
        }

        assertStillServing();
    }

    @Test
    void aHeadSplitOverManyTinyWritesIsDecoded() throws Exception {
        start(UnaryOperator.identity());
        byte[] first = vector("01-first-normal.bin");
        byte[] next = vector("02-next-normal.bin");

        try (Socket socket = connect(this.node)) {
            OutputStream out = socket.getOutputStream();
            for (byte b : first) {
                out.write(b);
                out.flush();
            }
            for (byte[] chunk : chunks(next, 3)) {
                out.write(chunk);
                out.flush();
            }
            await().until(() -> this.node.bodies().containsAll(List.of("hello cup", "second")));
            out.write(vector("06-empty-body.bin"));
            await().until(() -> this.node.bodies().contains(""));
            assertThat(this.logs.linesContaining(remoteName(socket))).isEmpty();
        }

        assertThat(this.node.center.stats().framesRejected(Reason.BAD_HEAD).sum()).isZero();
        assertThat(this.node.center.stats().connectionsDropped(DropReason.FIRST_FRAME_TIMEOUT).sum()).isZero();
        assertStillServing();
    }

    @Test
    void aLengthBelowTheHeaderClosesTheConnectionAfterTheFramesBeforeIt() throws Exception {
        start(UnaryOperator.identity());

        try (Socket socket = connect(this.node)) {
            OutputStream out = socket.getOutputStream();
            out.write(vector("01-first-normal.bin"));
            out.write(withLength(vector("02-next-normal.bin"), LENGTH_OFFSET_WITHOUT_HEAD, 10));
            awaitClosedByNode(socket);
            assertRejectedOnce(socket, Reason.SHORT_LENGTH, "Frame length 10 is below minimum 64");
        }

        assertThat(this.node.bodies()).contains("hello cup").doesNotContain("second");
        assertStillServing();
    }

    @Test
    void aLengthOfTwoToTheSixtyThirdClosesTheConnectionWithoutWaitingForTheBody() throws Exception {
        start(UnaryOperator.identity());
        byte[] frame = withLength(vector("01-first-normal.bin"), LENGTH_OFFSET_WITH_HEAD, Long.MIN_VALUE);

        try (Socket socket = connect(this.node)) {
            socket.getOutputStream().write(frame);
            awaitClosedByNode(socket);
            assertRejectedOnce(socket, Reason.OVERSIZE,
                    "Frame length 9223372036854775808 exceeds maximum 16777216 from " + remoteName(socket));
        }

        assertThat(this.node.bodies()).doesNotContain("hello cup");
        assertStillServing();
    }

    @Test
    void aBodyShorterThanItsLengthFollowedByEndOfStreamIsReportedTruncated() throws Exception {
        start(UnaryOperator.identity());

        try (Socket socket = connect(this.node)) {
            socket.getOutputStream().write(Arrays.copyOf(vector("01-first-normal.bin"), 40));
            socket.shutdownOutput();
            awaitClosedByNode(socket);
            assertRejectedOnce(socket, Reason.TRUNCATED, "Connection closed with 40 of 81 frame bytes buffered");
        }

        assertStillServing();
    }

    @Test
    void aConnectionThatSendsNoCompleteFrameIsClosedByTheFirstFrameTimeout() throws Exception {
        start((options) -> options.connection(c -> c.firstFrameTimeout(Duration.ofSeconds(1))));

        try (Socket silent = connect(this.node); Socket trickling = connect(this.node)) {
            trickling.getOutputStream().write("CUP0".getBytes(StandardCharsets.US_ASCII));
            awaitClosedByNode(silent);
            awaitClosedByNode(trickling);
            assertDroppedOnce(silent, "no complete frame within 1000 ms");
            assertDroppedOnce(trickling, "no complete frame within 1000 ms");
        }

        assertThat(this.node.center.stats().connectionsDropped(DropReason.FIRST_FRAME_TIMEOUT).sum()).isEqualTo(2);
        assertThat(this.node.center.stats().framesRejected(Reason.TRUNCATED).sum()).isZero();
        assertStillServing();
    }

    @Test
    void aThousandAbandonedConnectionsAreAllClosedAndTheNodeKeepsServing() throws Exception {
        start((options) -> options.connection(c -> c.firstFrameTimeout(Duration.ofSeconds(2))));
        int baseline = this.node.center.openConnections();
        List<Socket> abandoned = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                abandoned.add(connect(this.node));
            }
            this.traffic.awaitMoreRounds(3);

            await().atMost(Duration.ofSeconds(60))
                .until(() -> this.node.center.stats().connectionsDropped(DropReason.FIRST_FRAME_TIMEOUT).sum() == 1000);
            for (Socket socket : abandoned) {
                awaitClosedByNode(socket);
            }
            await().until(() -> this.node.center.openConnections() == baseline);
        }
        finally {
            for (Socket socket : abandoned) {
                socket.close();
            }
        }

        assertStillServing();
    }

    private void start(UnaryOperator<CupnetOptions.Builder> options) {
        this.node = this.nodes.add(Node.start((builder) -> trustingLoopback(options.apply(builder))));
        Node peer = this.nodes.add(Node.start());
        this.traffic = SteadyTraffic.between(this.node, peer);
    }

    private void assertRejectedOnce(Socket socket, Reason reason, String detail) {
        await().until(() -> this.node.center.stats().framesRejected(reason).sum() == 1);
        assertOneLine(socket, reason.tag(), detail);
    }

    private void assertDroppedOnce(Socket socket, String detail) {
        assertOneLine(socket, DropReason.FIRST_FRAME_TIMEOUT.tag(), detail);
    }

    private void assertOneLine(Socket socket, String reason, String detail) {
        String peer = remoteName(socket);
        await().until(() -> !this.logs.linesContaining(peer).isEmpty());
        assertThat(this.logs.linesContaining(peer)).singleElement()
            .asString()
            .startsWith("WARN Closing connection from " + peer)
            .contains("(" + reason + ")", detail);
    }

    private void assertStillServing() {
        this.traffic.awaitMoreRounds(5);
        this.traffic.assertFullyServed();
    }

    private static List<byte[]> chunks(byte[] bytes, int size) {
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += size) {
            chunks.add(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size)));
        }
        return chunks;
    }

}
