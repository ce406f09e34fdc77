package io.cupnet.transport;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.cupnet.wire.CupFrameDecoder;
import io.cupnet.wire.CupMessage;
import io.cupnet.wire.MessageFlags;
import io.cupnet.wire.PeerAddress;
import io.netty.buffer.ByteBuf;
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

    private static final Path VECTORS = Path.of(System.getProperty("cupnet.vectors.dir", "../../shared/protocol/vectors"));

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @Test
    void framesWrittenByPythonCupAreHandled() throws Exception {
        Node node = this.nodes.add(Node.start());

        try (Socket socket = connect(node)) {
            OutputStream out = socket.getOutputStream();
            for (String file : List.of("01-first-normal.bin", "02-next-normal.bin", "03-urgent.bin", "06-empty-body.bin")) {
                out.write(Files.readAllBytes(VECTORS.resolve(file)));
            }
            out.flush();
            await().until(() -> node.received.size() == 3);
        }

        // 03-urgent is a HEART_BEAT: answered by cupnet itself (HeartbeatTest), never handed to the handler.
        assertThat(node.bodies()).containsExactlyInAnyOrder("hello cup", "second", "");
        assertThat(node.received).allSatisfy((message) -> assertThat(message.from().toString()).isEqualTo("10.1.2.3:5000/7/9"));
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

    private static Socket connect(Node node) throws Exception {
        Socket socket = new Socket("127.0.0.1", node.center.port());
        socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
        return socket;
    }

}
