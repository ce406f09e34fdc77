package io.cupnet.bench.connections;

/**
 * A node that connects out to peers on 127.0.0.1 and writes one frame to each.
 */
public interface DialingNode extends AutoCloseable {

    /** Starts a connection to each port and a frame on each; returns without waiting. */
    void dial(int[] ports);

    /**
     * The frames written so far.
     * @throws IllegalStateException when a connection or a write failed
     */
    long written();

    /** Stops the node and closes its connections. */
    @Override
    void close();

    /** Starts a node. */
    @FunctionalInterface
    interface Factory {

        DialingNode start();

    }

}
