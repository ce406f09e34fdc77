package io.cupnet.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.cupnet.options.CupnetOptions;

/**
 * Raw sockets against a running node, for tests that speak the wire protocol by hand: the
 * golden frames that Python CUP wrote, and ways to wait for the node to close a socket.
 */
public final class RawSockets {

    public static final Path VECTORS = GoldenVectors.directory();

    /** Offset of {@code len} in a frame that starts with the 8-byte head: after the head and the 4-byte flag. */
    public static final int LENGTH_OFFSET_WITH_HEAD = 12;

    /** Offset of {@code len} in a later frame of a connection, which has no head. */
    public static final int LENGTH_OFFSET_WITHOUT_HEAD = 4;

    private RawSockets() {
    }

    /**
     * Options under which the golden frames, which claim {@code from} 10.1.2.3, are taken over a loopback
     * socket: loopback is a trusted proxy, as a NAT gateway in front of that peer would be.
     */
    public static CupnetOptions.Builder trustingLoopback(CupnetOptions.Builder options) {
        return options.server((server) -> server.trustedProxies(List.of("127.0.0.0/8")));
    }

    /** A socket connected to the node from 127.0.0.1, with a generous read timeout. */
    public static Socket connect(Node node) throws IOException {
        Socket socket = new Socket("127.0.0.1", node.center.port());
        socket.setSoTimeout((int) Duration.ofSeconds(15).toMillis());
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** How the node names the socket's end in its log lines, such as {@code /127.0.0.1:51234}. */
    public static String remoteName(Socket socket) {
        return "/127.0.0.1:" + socket.getLocalPort();
    }

    /** Reads until the node closes the connection (end of stream or a reset); fails on the read timeout. */
    public static void awaitClosedByNode(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // discard whatever the node sends before it closes
            }
        }
        catch (SocketException reset) {
            // closed with a reset because the node discarded unread bytes: closed all the same
        }
    }

    /** The bytes of a golden frame file, such as {@code 01-first-normal.bin}. */
    public static byte[] vector(String file) {
        try {
            return Files.readAllBytes(VECTORS.resolve(file));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A copy of a frame whose {@code len} field, at {@code offset}, says {@code length}. */
    public static byte[] withLength(byte[] frame, int offset, long length) {
        byte[] patched = frame.clone();
        ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, length);
        return patched;
    }

}
