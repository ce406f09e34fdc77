package io.cupnet.bench;

/**
 * One side of a comparison, cupnet or the raw-Netty baseline, set up once and run for several rounds.
 */
public interface Contender extends AutoCloseable {

    /** {@code "cupnet"} or {@code "baseline"}. */
    String name();

    /** Which event loops and threads this contender uses, for the report. */
    String describe();

    /** Starts the nodes and connects them. */
    void open() throws Exception;

    /**
     * Runs one round and returns what it measured; the system is idle again when it returns.
     * @param budget how long the round runs
     * @param label names the round in progress lines
     */
    Sample round(Budget budget, String label) throws Exception;

    /** Stops the nodes. */
    @Override
    void close();

}
