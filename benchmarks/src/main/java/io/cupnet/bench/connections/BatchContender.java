package io.cupnet.bench.connections;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.cupnet.bench.Contender;

/**
 * A contender that opens a batch of idle connections per round and starts its node afresh each
 * round, so that it has nothing to open or close between rounds.
 */
abstract class BatchContender implements Contender {

    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final String name;

    private final String description;

    /** The connections of each round. */
    protected final int connections;

    BatchContender(String name, String description, int connections) {
        this.name = name;
        this.description = description;
        this.connections = connections;
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
    public void close() {
    }

    /** Waits until {@code count} reaches {@link #connections}, up to 120 s; {@code what} names it if it does not. */
    protected final void awaitAll(LongSupplier count, String what) throws InterruptedException {
        long start = System.nanoTime();
        while (count.getAsLong() < this.connections) {
            if (System.nanoTime() - start > TIMEOUT_NANOS) {
                throw new IllegalStateException("Only " + count.getAsLong() + " of " + this.connections + " " + what
                        + " within 120 s");
            }
            TimeUnit.MICROSECONDS.sleep(200);
        }
    }

}
