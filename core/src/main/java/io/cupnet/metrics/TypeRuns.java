package io.cupnet.metrics;

/**
 * Counts the messages of a batch by type with one result, one add per run of consecutive
 * messages of the same type rather than one per message. Call {@link #flush()} after the
 * last message; not thread-safe, one per batch.
 */
public final class TypeRuns {

    private final TypeCounters counters;

    private final int result;

    private int type;

    private int length;

    TypeRuns(TypeCounters counters, int result) {
        this.counters = counters;
        this.result = result;
    }

    /** Counts one message of {@code type}. */
    public void count(int type) {
        count(type, 1);
    }

    /** Counts {@code messages} messages of {@code type}; none when it is 0. */
    public void count(int type, int messages) {
        if (messages == 0) {
            return;
        }
        if (this.length > 0 && type != this.type) {
            flush();
        }
        this.type = type;
        this.length += messages;
    }

    /** Adds the current run to its counter. */
    public void flush() {
        if (this.length > 0) {
            this.counters.add(this.type, this.result, this.length);
            this.length = 0;
        }
    }

}
