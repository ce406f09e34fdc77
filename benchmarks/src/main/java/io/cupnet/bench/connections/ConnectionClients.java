package io.cupnet.bench.connections;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.internal.wire.CupFrameEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The client side of the connections scenario, run in a child JVM so that its sockets count
 * against neither the measured node's memory nor its file descriptors: opens {@code count} plain
 * TCP connections, writes one CUP frame (head included) on each, reports, and keeps them open until
 * its standard input says {@code close} or ends. Connections close with SO_LINGER 0, leaving no TIME_WAIT.
 *
 * <p>Protocol on standard output: {@code START}, then {@code CONNECTED <count> <nanos>} or {@code ERROR <text>}.
 */
public final class ConnectionClients {

    private ConnectionClients() {
    }

    /**
     * Runs the clients.
     * @param args host, port, count, frame size (header + body)
     */
    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        byte[] frame = frame(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[3]));
        List<SocketChannel> sockets = Collections.synchronizedList(new ArrayList<>(count));
        System.out.println("START");
        System.out.flush();
        long start = System.nanoTime();
        try {
            connect(server, count, frame, sockets);
            System.out.println("CONNECTED " + sockets.size() + " " + (System.nanoTime() - start));
        }
        catch (Exception ex) {
            System.out.println("ERROR after " + sockets.size() + " connections: " + ex);
        }
        System.out.flush();
        ChildProcess.awaitClose();
        for (SocketChannel socket : sockets) {
            socket.close();
        }
    }

    private static void connect(InetSocketAddress server, int count, byte[] frame, List<SocketChannel> sockets)
            throws Exception {
        Thread[] threads = new Thread[2];
        Exception[] failure = new Exception[1];
        for (int t = 0; t < threads.length; t++) {
            int share = count / threads.length + ((t < count % threads.length) ? 1 : 0);
            threads[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < share; i++) {
                        sockets.add(open(server, frame));
                    }
                }
                catch (IOException ex) {
                    failure[0] = ex;
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static SocketChannel open(InetSocketAddress server, byte[] frame) throws IOException {
        SocketChannel socket = SocketChannel.open(server);
        socket.setOption(StandardSocketOptions.SO_LINGER, 0);
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        while (buffer.hasRemaining()) {
            socket.write(buffer);
        }
        return socket;
    }

    private static byte[] frame(String host, int port, int frameSize) {
        CupMessage message = CupMessage.builder()
            .from(PeerAddress.of("127.0.0.1", 1))
            .to(PeerAddress.of(host, port))
            .type(1)
            .uniqId(UniqId.of(1))
            .body(new byte[frameSize - CupMessage.HEADER_LENGTH])
            .build();
        ByteBuf buffer = Unpooled.buffer(message.frameLength(true));
        CupFrameEncoder.encode(message, true, buffer);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }

}
