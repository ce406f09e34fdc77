package io.cupnet.spring.autoconfigure;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.cupnet.metrics.CupnetStats;
import io.cupnet.spring.core.CupnetServer;
import io.cupnet.transport.MessageCenter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes the counters of the running message center as Micrometer meters named
 * {@code cupnet.*}; they read 0 until the server started.
 */
public class CupnetMeterBinder implements MeterBinder {

    private final CupnetServer server;

    public CupnetMeterBinder(CupnetServer server) {
        this.server = server;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "cupnet.messages.sent", "Messages written to peers", CupnetStats::messagesSent);
        counter(registry, "cupnet.messages.received", "Messages received from peers", CupnetStats::messagesReceived);
        counter(registry, "cupnet.send.failures", "Sends whose future failed", CupnetStats::sendFailures);
        counter(registry, "cupnet.bytes.sent", "Bytes written to peers", CupnetStats::bytesSent);
        counter(registry, "cupnet.bytes.received", "Bytes read from peers", CupnetStats::bytesReceived);
        counter(registry, "cupnet.connections.opened", "Connections opened", CupnetStats::connectionsOpened);
        counter(registry, "cupnet.connections.closed", "Connections closed", CupnetStats::connectionsClosed);
        counter(registry, "cupnet.connect.failures", "Failed connection attempts", CupnetStats::connectFailures);
        counter(registry, "cupnet.ack.retries", "Need-ack frames written again", CupnetStats::ackRetries);
        counter(registry, "cupnet.ack.timeouts", "Need-ack messages never acknowledged", CupnetStats::ackTimeouts);
        counter(registry, "cupnet.dedup.hits", "Resent frames recognised and not handled again",
                CupnetStats::dedupHits);
        counter(registry, "cupnet.handler.failures", "Messages whose listener failed", CupnetStats::handlerFailures);
        counter(registry, "cupnet.tls.handshake.failures", "TLS handshakes that failed",
                CupnetStats::tlsHandshakeFailures);
        gauge(registry, "cupnet.acks.pending", "Need-ack messages waiting for their ack", MessageCenter::pendingAcks);
        gauge(registry, "cupnet.receive.queue.size", "Received frames waiting for a listener",
                MessageCenter::receiveQueueSize);
        gauge(registry, "cupnet.connections.open", "Open connections", MessageCenter::openConnections);
    }

    private void counter(MeterRegistry registry, String name, String description,
            Function<CupnetStats, LongAdder> counter) {
        FunctionCounter.builder(name, this.server, (server) -> read(server, (center) -> counter.apply(center.stats())
            .sum()))
            .description(description)
            .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description,
            ToDoubleFunction<MessageCenter> value) {
        Gauge.builder(name, this.server, (server) -> read(server, value::applyAsDouble))
            .description(description)
            .register(registry);
    }

    private static double read(CupnetServer server, ToDoubleFunction<MessageCenter> value) {
        MessageCenter center = server.getMessageCenter();
        return (center != null) ? value.applyAsDouble(center) : 0;
    }

}
