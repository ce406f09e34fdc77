package io.cupnet.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/** The timers fed by events: {@code cupnet.ack.latency} and {@code cupnet.listener.invocations}. */
final class EventMeters {

    /** The most listener names with their own tag; later ones share {@code listener=other}. */
    static final int MAX_LISTENERS = 100;

    private static final Duration MIN_ACK_LATENCY = Duration.ofNanos(100_000);

    private final MeterRegistry registry;

    private final Tags tags;

    private final Timer ackLatency;

    /** Per listener name: the success timer, then the failure timer. */
    private final Map<String, Timer[]> listeners = new ConcurrentHashMap<>();

    /**
     * @param tags the tags of every meter
     * @param messageTags those tags and {@code transport=tcp}, for the meters that a broker transport has too
     */
    EventMeters(MeterRegistry registry, Tags tags, Tags messageTags, Duration ackTimeout) {
        this.registry = registry;
        this.tags = tags;
        this.ackLatency = Timer.builder("cupnet.ack.latency")
            .description("Time from sending a need-ack message to its ack")
            .publishPercentileHistogram()
            .minimumExpectedValue(MIN_ACK_LATENCY)
            .maximumExpectedValue((ackTimeout.compareTo(MIN_ACK_LATENCY) > 0) ? ackTimeout : MIN_ACK_LATENCY)
            .tags(messageTags)
            .register(registry);
    }

    void ackLatency(long nanos) {
        this.ackLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void listenerInvoked(String listener, boolean success, long nanos) {
        Timer[] timers = this.listeners.get(listener);
        if (timers == null) {
            timers = timersOf((this.listeners.size() < MAX_LISTENERS) ? listener : "other");
        }
        timers[success ? 0 : 1].record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer[] timersOf(String listener) {
        Timer[] created = { timer(listener, "success"), timer(listener, "failure") };
        Timer[] raced = this.listeners.putIfAbsent(listener, created);
        return (raced != null) ? raced : created;
    }

    private Timer timer(String listener, String result) {
        return Timer.builder("cupnet.listener.invocations")
            .description("Listener invocations and how long they ran")
            .tags(this.tags.and("listener", listener, "result", result))
            .register(this.registry);
    }

}
