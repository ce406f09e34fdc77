package io.cupnet.bench.connections;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A node that connects out to peers on 127.0.0.1 and writes one frame to each, counting the frames
 * written and keeping the first failure.
 */
public abstract class DialingNode implements AutoCloseable {

    private final AtomicLong written = new AtomicLong();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Starts a connection to each port and a frame on each; returns without waiting. */
    public abstract void dial(int[] ports);

    /**
     * The frames written so far.
     * @throws IllegalStateException when a connection or a write failed
     */
    public final long written() {
        Throwable ex = this.failure.get();
        if (ex != null) {
            throw new IllegalStateException("A connection or a write to a peer failed: " + ex, ex);
        }
        return this.written.get();
    }

    /** Counts a frame written, or keeps why a connection or a write failed when {@code ex} is not null. */
    protected final void onDone(Throwable ex) {
        if (ex == null) {
            this.written.incrementAndGet();
        }
        else {
            this.failure.compareAndSet(null, ex);
        }
    }

    /** Stops the node and closes its connections. */
    @Override
    public abstract void close();

    /** Starts a node. */
    @FunctionalInterface
    public interface Factory {

        DialingNode start();

    }

}
