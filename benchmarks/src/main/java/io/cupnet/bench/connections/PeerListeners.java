package io.cupnet.bench.connections;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * The far side of the peers scenario, run in a child JVM: listens on {@code count} ports of
 * 127.0.0.1, accepts one connection on each and then closes that listener (so that it holds one
 * descriptor per peer), reads and drops what arrives, and reports once each connection sent something.
 * It closes the connections with SO_LINGER 0, after the measured node closed its ends: the reset
 * ends their FIN_WAIT_2 on the node's side, so no TIME_WAIT holds a port.
 *
 * <p>Protocol on standard output: {@code PORTS <port> <port> ...}, then {@code RECEIVED <count>} or
 * {@code ERROR <text>}.
 */
public final class PeerListeners {

    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final Selector selector;

    private final ByteBuffer sink = ByteBuffer.allocateDirect(64 * 1024);

    private int received;

    private PeerListeners(Selector selector) {
        this.selector = selector;
    }

    /**
     * Runs the peers.
     * @param args the number of peers
     */
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        try (Selector selector = Selector.open()) {
            PeerListeners peers = new PeerListeners(selector);
            System.out.println("PORTS " + peers.listen(count));
            System.out.flush();
            try {
                peers.serve(count);
                System.out.println("RECEIVED " + count);
            }
            catch (IOException | IllegalStateException ex) {
                System.out.println("ERROR after " + peers.received + " of " + count + " peers: " + ex);
            }
            System.out.flush();
            ChildProcess.awaitClose();
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        }
    }

    /** Opens the listeners and returns their ports, separated by spaces. */
    private String listen(int count) throws IOException {
        StringJoiner ports = new StringJoiner(" ");
        for (int i = 0; i < count; i++) {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress("127.0.0.1", 0), 1);
            listener.configureBlocking(false);
            listener.register(this.selector, SelectionKey.OP_ACCEPT);
            ports.add(Integer.toString(((InetSocketAddress) listener.getLocalAddress()).getPort()));
        }
        return ports.toString();
    }

    /** Accepts and reads until every peer's connection sent its first bytes. */
    private void serve(int count) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (this.received < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after 120 s");
            }
            this.selector.select(100);
            for (SelectionKey key : this.selector.selectedKeys()) {
                if (key.isAcceptable()) {
                    accept(key);
                }
                else if (key.isReadable()) {
                    read(key);
                }
            }
            this.selector.selectedKeys().clear();
        }
    }

    private void accept(SelectionKey key) throws IOException {
        ServerSocketChannel listener = (ServerSocketChannel) key.channel();
        SocketChannel connection = listener.accept();
        if (connection == null) {
            return;
        }
        listener.close();
        connection.setOption(StandardSocketOptions.SO_LINGER, 0);
        connection.configureBlocking(false);
        // The attachment marks a connection whose first bytes were not counted yet.
        connection.register(this.selector, SelectionKey.OP_READ, Boolean.TRUE);
    }

    private void read(SelectionKey key) throws IOException {
        this.sink.clear();
        if (((SocketChannel) key.channel()).read(this.sink) < 0) {
            throw new IOException("a connection closed before the peers were told to close");
        }
        if (key.attachment() != null) {
            key.attach(null);
            this.received++;
        }
    }

}
