package io.cupnet.bench.connections;

/**
 * A node that accepts connections and counts the first frames it reads from them.
 */
public interface ListeningNode extends AutoCloseable {

    /** The port it listens on. */
    int port();

    /** The frames read so far. */
    long frames();

    /** Stops the node and closes its connections. */
    @Override
    void close();

    /** Starts a node. */
    @FunctionalInterface
    interface Factory {

        ListeningNode start();

    }

}
