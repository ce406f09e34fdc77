package io.cupnet.bench.connections;

import io.cupnet.bench.Budget;
import io.cupnet.bench.Progress;
import io.cupnet.bench.Sample;

/**
 * The connections scenario for one contender: each round starts a fresh node, has a child JVM open
 * {@code connections} TCP connections to it that each send one CUP frame, and measures how fast the
 * node took them in and how much more memory it holds with them idle (after GC).
 */
public final class ConnectionsContender extends BatchContender {

    private final ListeningNode.Factory nodes;

    private final int frameSize;

    /**
     * Creates the contender.
     * @param name cupnet or baseline
     * @param description its threads, for the report
     * @param nodes starts the node to connect to
     * @param connections connections per round
     * @param frameSize total size of the frame each connection sends, header + body
     */
    public ConnectionsContender(String name, String description, ListeningNode.Factory nodes, int connections,
            int frameSize) {
        super(name, description, connections);
        this.nodes = nodes;
        this.frameSize = frameSize;
    }

    @Override
    public Sample round(Budget budget, String label) throws Exception {
        try (ListeningNode node = this.nodes.start()) {
            MemoryProbe.Usage before = MemoryProbe.measure();
            long connectNanos;
            try (ChildProcess clients = ChildProcess.start(ConnectionClients.class, "127.0.0.1", Integer.toString(
                    node.port()), Integer.toString(this.connections), Integer.toString(this.frameSize))) {
                clients.expect("START");
                long start = System.nanoTime();
                try (Progress.Ticket ticket = Progress.start(label, node::frames, "conn")) {
                    awaitAll(node::frames, "connections delivered their frame");
                }
                connectNanos = System.nanoTime() - start;
                clients.expect("CONNECTED");
                MemoryProbe.Usage after = MemoryProbe.measure();
                return new Sample.ConnectionCost(this.connections, connectNanos, after.heap() - before.heap(),
                        after.direct() - before.direct());
            }
        }
    }

}
