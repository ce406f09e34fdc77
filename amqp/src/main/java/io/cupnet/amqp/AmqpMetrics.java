package io.cupnet.amqp;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.cupnet.metrics.CupnetMetrics;
import io.cupnet.metrics.TypeCounterMeters;
import io.cupnet.metrics.TypeCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes what one {@link AmqpTransport} does as Micrometer meters: the message meters of
 * {@link CupnetMetrics} with {@code transport=amqp}, and the {@code cupnet.amqp.*} meters of what a broker adds.
 *
 * <p>With {@code transport=amqp}: {@code cupnet.messages.sent} ({@code type}, {@code result}: sent, acked, failed),
 * {@code cupnet.messages.received} ({@code type}, {@code result}: accepted, duplicate),
 * {@code cupnet.messages.handled} (a timer of handler attempts; {@code result}: success, failure),
 * {@code cupnet.ack.pending}, {@code cupnet.ack.acked}, {@code cupnet.ack.timeouts} and {@code cupnet.dedup.hits}.
 * Broker only: {@code cupnet.amqp.confirms} ({@code result}: ack, nack), {@code cupnet.amqp.returns},
 * {@code cupnet.amqp.redeliveries} ({@code result}: handled, acked_again), {@code cupnet.amqp.dead.lettered}
 * ({@code reason}: attempts, malformed) and {@code cupnet.amqp.connection.open}. The counters are read from the
 * transport's {@link AmqpStats}; only this class uses Micrometer.
 */
public final class AmqpMetrics implements MeterBinder {

    /** The {@code transport} tag value of this binder's meters. */
    public static final String AMQP = "amqp";

    private static final TypeCounterMeters SENT = new TypeCounterMeters("cupnet.messages.sent",
            "Messages sent over the broker by type and outcome",
            Arrays.stream(AmqpStats.Sent.values()).map(AmqpStats.Sent::tag).toArray(String[]::new));

    private static final TypeCounterMeters RECEIVED = new TypeCounterMeters("cupnet.messages.received",
            "Messages received from the broker by type and by what became of them",
            Arrays.stream(AmqpStats.Received.values()).map(AmqpStats.Received::tag).toArray(String[]::new));

    private final AmqpTransport transport;

    private final Tags tags;

    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    /** Metrics of {@code transport}. */
    public AmqpMetrics(AmqpTransport transport) {
        this.transport = transport;
        this.tags = Tags.of(CupnetMetrics.TRANSPORT, AMQP);
        transport.stats().addTypeListener(this::typeAdded);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registries.add(registry);
        AmqpStats stats = this.transport.stats();
        SENT.registerKnown(registry, stats.sentByType(), this.tags);
        RECEIVED.registerKnown(registry, stats.receivedByType(), this.tags);
        bindMessageMeters(registry, stats);
        bindBrokerMeters(registry, stats);
    }

    private void bindMessageMeters(MeterRegistry registry, AmqpStats stats) {
        for (boolean success : new boolean[] { true, false }) {
            FunctionTimer.builder("cupnet.messages.handled", stats, (s) -> s.handlerAttempts(success),
                    (s) -> s.handlerNanos(success), TimeUnit.NANOSECONDS)
                .description("Handler attempts on received messages and how long they ran")
                .tags(this.tags.and("result", success ? "success" : "failure"))
                .register(registry);
        }
        Gauge.builder("cupnet.ack.pending", this.transport, AmqpTransport::pendingAcks)
            .description("Need-ack messages waiting for their ack")
            .tags(this.tags)
            .register(registry);
        counter(registry, this.tags, "cupnet.ack.acked", "Need-ack messages acknowledged by the node that handled them",
                stats, AmqpStats::acksMatched);
        counter(registry, this.tags, "cupnet.ack.timeouts", "Need-ack messages that failed without an ack", stats,
                AmqpStats::ackTimeouts);
        counter(registry, this.tags, "cupnet.dedup.hits",
                "Redelivered need-ack messages recognised and not handled twice", stats,
                AmqpStats::redeliveriesAckedAgain);
    }

    private void bindBrokerMeters(MeterRegistry registry, AmqpStats stats) {
        for (boolean ack : new boolean[] { true, false }) {
            counter(registry, Tags.of("result", ack ? "ack" : "nack"), "cupnet.amqp.confirms",
                    "Publisher confirms from the broker", stats, (s) -> s.confirms(ack));
        }
        counter(registry, Tags.empty(), "cupnet.amqp.returns", "Messages the broker returned: no queue took them",
                stats, AmqpStats::returns);
        counter(registry, Tags.of("result", "handled"), "cupnet.amqp.redeliveries",
                "Deliveries the broker marked redelivered", stats, AmqpStats::redeliveriesHandled);
        counter(registry, Tags.of("result", "acked_again"), "cupnet.amqp.redeliveries",
                "Deliveries the broker marked redelivered", stats, AmqpStats::redeliveriesAckedAgain);
        counter(registry, Tags.of("reason", "attempts"), "cupnet.amqp.dead.lettered",
                "Deliveries rejected to the dead-letter queue", stats, AmqpStats::deadLetteredAfterAttempts);
        counter(registry, Tags.of("reason", "malformed"), "cupnet.amqp.dead.lettered",
                "Deliveries rejected to the dead-letter queue", stats, AmqpStats::deadLetteredMalformed);
        Gauge.builder("cupnet.amqp.connection.open", this.transport, (t) -> t.isConnected() ? 1 : 0)
            .description("1 while the connection to the broker is open")
            .register(registry);
    }

    private void typeAdded(TypeCounters counters, int slot) {
        TypeCounterMeters meters = (counters == this.transport.stats().sentByType()) ? SENT : RECEIVED;
        this.registries.forEach((registry) -> meters.register(registry, counters, slot, this.tags));
    }

    private static void counter(MeterRegistry registry, Tags tags, String name, String description, AmqpStats stats,
            ToDoubleFunction<AmqpStats> count) {
        FunctionCounter.builder(name, stats, count).description(description).tags(tags).register(registry);
    }

}
