package io.cupnet.bench.connections;

import java.util.concurrent.TimeUnit;

import io.cupnet.bench.Budget;
import io.cupnet.bench.Contender;
import io.cupnet.bench.Progress;
import io.cupnet.bench.Sample;

/**
 * The connections scenario for one contender: each round starts a fresh node, has a child JVM open
 * {@code connections} TCP connections to it that each send one CUP frame, and measures how fast the
 * node took them in and how much more memory it holds with them idle (after GC).
 */
public final class ConnectionsContender implements Contender {

    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final String name;

    private final String description;

    private final ListeningNode.Factory nodes;

    private final int connections;

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
        this.name = name;
        this.description = description;
        this.nodes = nodes;
        this.connections = connections;
        this.frameSize = frameSize;
    }

    @Override
    public String name() {
        return this.name;
    }

    @Override
    public String describe() {
        return this.description;
    }

    @Override
    public void open() {
    }

    @Override
    public Sample round(Budget budget, String label) throws Exception {
        try (ListeningNode node = this.nodes.start()) {
            MemoryProbe.Usage before = MemoryProbe.measure();
            long connectNanos;
            try (ClientProcess clients = ClientProcess.start(node.port(), this.connections, this.frameSize)) {
                long start = System.nanoTime();
                try (Progress.Ticket ticket = Progress.start(label, node::frames, "conn")) {
                    awaitFrames(node, start);
                }
                connectNanos = System.nanoTime() - start;
                clients.awaitConnected();
                MemoryProbe.Usage after = MemoryProbe.measure();
                return new Sample.ConnectionCost(this.connections, connectNanos, after.heap() - before.heap(),
                        after.direct() - before.direct());
            }
        }
    }

    private void awaitFrames(ListeningNode node, long start) throws InterruptedException {
        while (node.frames() < this.connections) {
            if (System.nanoTime() - start > TIMEOUT_NANOS) {
                throw new IllegalStateException("Only " + node.frames() + " of " + this.connections
                        + " connections delivered their frame within 120 s");
            }
            TimeUnit.MICROSECONDS.sleep(200);
        }
    }

    @Override
    public void close() {
    }

}
