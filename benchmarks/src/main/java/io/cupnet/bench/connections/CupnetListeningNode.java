package io.cupnet.bench.connections;

import java.util.concurrent.atomic.AtomicLong;

import io.cupnet.MessageCenter;
import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.cupnet.CupnetNodes;

/**
 * A cupnet node whose handler counts the frames it receives.
 */
public final class CupnetListeningNode implements ListeningNode {

    private final AtomicLong frames = new AtomicLong();

    private final MessageCenter center;

    /** Starts the node. */
    public CupnetListeningNode(BenchOptions bench) {
        this.center = CupnetNodes.start(bench, (message, acknowledgment) -> this.frames.incrementAndGet());
    }

    @Override
    public int port() {
        return this.center.port();
    }

    @Override
    public long frames() {
        return this.frames.get();
    }

    @Override
    public void close() {
        this.center.close();
    }

}
