package io.cupnet.metrics;

/**
 * Receives the measurements of a message center that are events rather than counts: its
 * start, new message types, ack latencies and listener invocations.
 *
 * <p>{@code CupnetMetrics} implements it to feed Micrometer; a message center has at most one
 * listener ({@link CupnetStats#listener(StatsListener)}). Calls arrive on I/O and handler
 * threads, so implementations must be quick and must never block.
 */
public interface StatsListener {

    /** A listener that ignores everything. */
    StatsListener NONE = new StatsListener() {
    };

    /** The message center started: its event loops and its handler executor exist now. */
    default void started() {
    }

    /**
     * A message type got its own counters.
     * @param counters {@link CupnetStats#sentByType()} or {@link CupnetStats#receivedByType()}
     * @param slot the slot of the type in {@code counters}, {@link TypeCounters#OTHER} for the shared one
     */
    default void typeAdded(TypeCounters counters, int slot) {
    }

    /** A need-ack message was acknowledged this many nanoseconds after it was sent. */
    default void ackLatency(long nanos) {
    }

    /**
     * A listener returned or threw.
     * @param listener the name of the listener, such as {@code EchoListener.echo(CupMessage)}
     * @param success whether it returned normally
     * @param nanos how long it ran
     */
    default void listenerInvoked(String listener, boolean success, long nanos) {
    }

}
