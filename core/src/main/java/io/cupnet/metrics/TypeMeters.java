package io.cupnet.metrics;

import java.util.Arrays;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Registers {@code cupnet.messages.sent} and {@code cupnet.messages.received}, one counter per
 * type and result, as the types appear.
 */
final class TypeMeters {

    private static final TypeCounterMeters SENT = new TypeCounterMeters("cupnet.messages.sent",
            "Frames written to peers, and sends that failed, by type",
            Arrays.stream(CupnetStats.Sent.values()).map(CupnetStats.Sent::tag).toArray(String[]::new));

    private static final TypeCounterMeters RECEIVED = new TypeCounterMeters("cupnet.messages.received",
            "Frames received from peers by type and by what became of them",
            Arrays.stream(CupnetStats.Received.values()).map(CupnetStats.Received::tag).toArray(String[]::new));

    private final MeterRegistry registry;

    private final CupnetStats stats;

    private final Tags tags;

    TypeMeters(MeterRegistry registry, CupnetStats stats, Tags tags) {
        this.registry = registry;
        this.stats = stats;
        this.tags = tags;
    }

    /** Registers the types counted so far; later ones arrive through {@link #register}. */
    void bind() {
        SENT.registerKnown(this.registry, this.stats.sentByType(), this.tags);
        RECEIVED.registerKnown(this.registry, this.stats.receivedByType(), this.tags);
    }

    void register(TypeCounters counters, int slot) {
        TypeCounterMeters meters = (counters == this.stats.sentByType()) ? SENT : RECEIVED;
        meters.register(this.registry, counters, slot, this.tags);
    }

}
