package io.cupnet.metrics;

import java.util.Arrays;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Registers {@code cupnet.messages.sent} and {@code cupnet.messages.received}, one counter per
 * type and result, as the types appear.
 */
final class TypeMeters {

    private static final String[] SENT = Arrays.stream(CupnetStats.Sent.values())
        .map(CupnetStats.Sent::tag)
        .toArray(String[]::new);

    private static final String[] RECEIVED = Arrays.stream(CupnetStats.Received.values())
        .map(CupnetStats.Received::tag)
        .toArray(String[]::new);

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
        registerKnown(this.stats.sentByType());
        registerKnown(this.stats.receivedByType());
    }

    void register(TypeCounters counters, int slot) {
        boolean sent = counters == this.stats.sentByType();
        String name = sent ? "cupnet.messages.sent" : "cupnet.messages.received";
        String description = sent ? "Frames written to peers, and sends that failed, by type"
                : "Frames received from peers by type and by what became of them";
        String[] results = sent ? SENT : RECEIVED;
        Tags typed = this.tags.and("type", counters.typeTag(slot));
        for (int i = 0; i < results.length; i++) {
            int result = i;
            FunctionCounter.builder(name, counters, (c) -> c.count(slot, result))
                .description(description)
                .tags(typed.and("result", results[i]))
                .register(this.registry);
        }
    }

    private void registerKnown(TypeCounters counters) {
        for (int slot = 0; slot < counters.typeCount(); slot++) {
            register(counters, slot);
        }
        if (counters.isOtherUsed()) {
            register(counters, TypeCounters.OTHER);
        }
    }

}
