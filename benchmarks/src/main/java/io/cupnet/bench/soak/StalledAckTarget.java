package io.cupnet.bench.soak;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cupnet.PeerAddress;

/**
 * A listener on loopback that accepts every connection and never reads from it: the address a
 * hostile peer names in {@code from} so that the node's acks to it pile up.
 *
 * <p>Its sockets get a small receive buffer, so that the node's writes stall after a few
 * kilobytes rather than after the megabytes that loopback's buffers grow to.
 */
final class StalledAckTarget implements AutoCloseable {

    private static final int RECEIVE_BUFFER = 4096;

    private final ServerSocket server;

    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    private final Thread acceptor;

    StalledAckTarget() throws IOException {
        this.server = new ServerSocket();
        // Set before bind so that accepted sockets inherit it and the kernel does not grow it.
        this.server.setReceiveBufferSize(RECEIVE_BUFFER);
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = new Thread(this::acceptForever, "hostile-stalled-ack-target");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    PeerAddress address() {
        return PeerAddress.of("127.0.0.1", this.server.getLocalPort());
    }

    /** Connections accepted so far, each held open and never read. */
    int accepted() {
        return this.accepted.size();
    }

    private void acceptForever() {
        while (!this.server.isClosed()) {
            try {
                this.accepted.add(this.server.accept());
            }
            catch (IOException ex) {
                // closed: the loop ends
            }
        }
    }

    @Override
    public void close() throws Exception {
        this.server.close();
        this.acceptor.join(5_000);
        for (Socket socket : this.accepted) {
            socket.close();
        }
    }

}
