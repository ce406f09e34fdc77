package io.cupnet.bench.connections;

import io.cupnet.MessageCenter;
import io.cupnet.PeerAddress;
import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.cupnet.CupnetNodes;

/**
 * A cupnet node that sends one plain message to each peer: its first send to a peer opens the
 * peer's outbound connection, and the send's future completes once the frame is written.
 */
public final class CupnetDialingNode extends DialingNode {

    private final MessageCenter center;

    private final byte[] body;

    /** Starts the node. */
    public CupnetDialingNode(BenchOptions bench) {
        this.center = CupnetNodes.start(bench, (message, acknowledgment) -> {
        });
        this.body = CupnetNodes.body(bench.size());
    }

    @Override
    public void dial(int[] ports) {
        for (int port : ports) {
            this.center.send(CupnetNodes.message(PeerAddress.of("127.0.0.1", port), this.body, false))
                .whenComplete((result, ex) -> onDone(ex));
        }
    }

    @Override
    public void close() {
        this.center.close();
    }

}
