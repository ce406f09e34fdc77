package io.cupnet.bench.connections;

import java.util.Arrays;

import io.cupnet.bench.Budget;
import io.cupnet.bench.Progress;
import io.cupnet.bench.Sample;

/**
 * The peers scenario for one contender: each round starts a child JVM listening for the round's
 * peers and a fresh node that connects out to each of them and writes one frame, and measures how
 * fast the node had every frame written and how much more memory it holds with the connections idle
 * (after GC): the cost of an outbound peer, where {@link ConnectionsContender} measures an inbound one.
 */
public final class PeersContender extends BatchContender {

    private final DialingNode.Factory nodes;

    /**
     * Creates the contender.
     * @param name cupnet or baseline
     * @param description its threads, for the report
     * @param nodes starts the node that connects out
     * @param peers peers per round
     */
    public PeersContender(String name, String description, DialingNode.Factory nodes, int peers) {
        super(name, description, peers);
        this.nodes = nodes;
    }

    @Override
    public Sample round(Budget budget, String label) throws Exception {
        try (ChildProcess listeners = ChildProcess.start(PeerListeners.class, Integer.toString(this.connections))) {
            int[] ports = ports(listeners.expect("PORTS"));
            // Closed before the listeners, so that no node reconnects to a peer that went away.
            try (DialingNode node = this.nodes.start()) {
                MemoryProbe.Usage before = MemoryProbe.measure();
                long start = System.nanoTime();
                node.dial(ports);
                try (Progress.Ticket ticket = Progress.start(label, node::written, "conn")) {
                    awaitAll(node::written, "peers had their frame written");
                }
                long connectNanos = System.nanoTime() - start;
                listeners.expect("RECEIVED");
                MemoryProbe.Usage after = MemoryProbe.measure();
                return new Sample.ConnectionCost(this.connections, connectNanos, after.heap() - before.heap(),
                        after.direct() - before.direct());
            }
        }
    }

    private static int[] ports(String line) {
        return Arrays.stream(line.split(" ")).skip(1).mapToInt(Integer::parseInt).toArray();
    }

}
