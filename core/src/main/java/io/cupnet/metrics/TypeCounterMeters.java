package io.cupnet.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * One meter name over a {@link TypeCounters}: a function counter per type and result, tagged {@code type} and
 * {@code result}, registered for the types counted so far and then for each type as it appears. Used for
 * {@code cupnet.messages.sent} and {@code cupnet.messages.received} by every transport.
 */
public final class TypeCounterMeters {

    private final String name;

    private final String description;

    private final String[] results;

    /**
     * Meters named {@code name}, one per type and each of {@code results}, the {@code result} tags in the order of
     * the counters' result slots.
     */
    public TypeCounterMeters(String name, String description, String... results) {
        this.name = name;
        this.description = description;
        this.results = results.clone();
    }

    /** Registers the meters of every type {@code counters} counted so far, with {@code tags} besides type and result. */
    public void registerKnown(MeterRegistry registry, TypeCounters counters, Tags tags) {
        for (int slot = 0; slot < counters.typeCount(); slot++) {
            register(registry, counters, slot, tags);
        }
        if (counters.isOtherUsed()) {
            register(registry, counters, TypeCounters.OTHER, tags);
        }
    }

    /** Registers the meters of the type in {@code slot} of {@code counters}. */
    public void register(MeterRegistry registry, TypeCounters counters, int slot, Tags tags) {
        Tags typed = tags.and("type", counters.typeTag(slot));
        for (int i = 0; i < this.results.length; i++) {
            int result = i;
            FunctionCounter.builder(this.name, counters, (c) -> c.count(slot, result))
                .description(this.description)
                .tags(typed.and("result", this.results[i]))
                .register(registry);
        }
    }

}
