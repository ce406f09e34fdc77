package io.cupnet.bench.connections;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.cupnet.CupnetNodes;
import io.cupnet.transport.MessageCenter;
import io.cupnet.wire.PeerAddress;

/**
 * A cupnet node that sends one plain message to each peer: its first send to a peer opens the
 * peer's outbound connection, and the send's future completes once the frame is written.
 */
public final class CupnetDialingNode implements DialingNode {

    private final AtomicLong written = new AtomicLong();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

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
                .whenComplete((result, ex) -> {
                    if (ex != null) {
                        this.failure.compareAndSet(null, ex);
                    }
                    else {
                        this.written.incrementAndGet();
                    }
                });
        }
    }

    @Override
    public long written() {
        Throwable ex = this.failure.get();
        if (ex != null) {
            throw new IllegalStateException("A send to a peer failed: " + ex, ex);
        }
        return this.written.get();
    }

    @Override
    public void close() {
        this.center.close();
    }

}
