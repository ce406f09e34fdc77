package io.cupnet.metrics;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;
import io.cupnet.MessageCenter;
import io.cupnet.MessageHandler;
import io.cupnet.options.CupnetOptions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two message centers on loopback exchange real frames; their meters, read from
 * {@link SimpleMeterRegistry}s, must show that traffic.
 */
class CupnetMetricsTest {

    private static final MessageHandler REFUSE_FAIL = (message, ack) -> {
        if ("fail".equals(message.bodyAsString())) {
            throw new IllegalStateException("refused on purpose");
        }
    };

    private final List<AutoCloseable> closeables = new ArrayList<>();

    private final SimpleMeterRegistry senderRegistry = new SimpleMeterRegistry();

    private final SimpleMeterRegistry receiverRegistry = new SimpleMeterRegistry();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = this.closeables.size() - 1; i >= 0; i--) {
            this.closeables.get(i).close();
        }
    }

    @Test
    void afterRealTrafficEveryFamilyIsThereAndTheCountsMoved() throws Exception {
        MessageCenter receiver = center(REFUSE_FAIL);
        bind(CupnetMetrics.builder(receiver).build(), this.receiverRegistry);
        receiver.start();
        MessageCenter sender = started(center((message, ack) -> {
        }));
        bind(new CupnetMetrics(sender), this.senderRegistry);

        send(sender, receiver, 7, "one", false);
        DeliveryResult acked = send(sender, receiver, 9, "two", true);
        send(sender, receiver, 7, "fail", false);
        sendGarbage(receiver);

        assertThat(acked.status()).isEqualTo(DeliveryResult.Status.ACKED);
        await().untilAsserted(() -> {
            assertThat(count(this.receiverRegistry, "cupnet.messages.received", "type", "7", "result", "accepted"))
                .isEqualTo(2);
            assertThat(count(this.receiverRegistry, "cupnet.messages.received", "type", "9", "result", "accepted"))
                .isEqualTo(1);
            assertThat(count(this.senderRegistry, "cupnet.messages.received", "type", "4", "result", "accepted"))
                .isEqualTo(1);
            assertThat(timer(this.receiverRegistry, "cupnet.listener.invocations", "listener", "handler", "result",
                    "success").count()).isEqualTo(2);
            assertThat(timer(this.receiverRegistry, "cupnet.listener.invocations", "listener", "handler", "result",
                    "failure").count()).isEqualTo(1);
        });
        assertThat(count(this.senderRegistry, "cupnet.messages.sent", "type", "7", "result", "written")).isEqualTo(2);
        assertThat(count(this.senderRegistry, "cupnet.messages.sent", "type", "9", "result", "written")).isEqualTo(1);
        assertThat(count(this.senderRegistry, "cupnet.messages.sent", "type", "7", "result", "failed")).isZero();
        assertThat(count(this.receiverRegistry, "cupnet.messages.sent", "type", "4", "result", "written")).isEqualTo(1);
        assertThat(timer(this.senderRegistry, "cupnet.ack.latency").count()).isEqualTo(1);
        assertThat(count(this.senderRegistry, "cupnet.ack.acked")).isEqualTo(1);
        assertThat(count(this.senderRegistry, "cupnet.ack.unreachable")).isZero();
        assertThat(count(this.receiverRegistry, "cupnet.frames.rejected", "reason", "bad_head")).isEqualTo(1);
        assertThat(count(this.senderRegistry, "cupnet.bytes.sent")).isPositive();
        assertThat(count(this.receiverRegistry, "cupnet.bytes.received")).isPositive();
        assertThat(count(this.senderRegistry, "cupnet.connections.opened")).isPositive();
        assertThat(gauge(this.senderRegistry, "cupnet.connections.open", "direction", "outbound")).isEqualTo(1);
        assertThat(gauge(this.receiverRegistry, "cupnet.connections.open", "direction", "inbound")).isPositive();
        assertEveryFamilyIsRegistered(this.senderRegistry);
        assertEveryFamilyIsRegistered(this.receiverRegistry);
    }

    @Test
    void executorMetricsAreBoundWhetherTheRegistryCameBeforeOrAfterTheStart() {
        MessageCenter early = center(REFUSE_FAIL);
        bind(new CupnetMetrics(early), this.receiverRegistry);
        early.start();
        MessageCenter late = started(center(REFUSE_FAIL));
        bind(new CupnetMetrics(late), this.senderRegistry);

        for (MeterRegistry registry : List.of(this.receiverRegistry, this.senderRegistry)) {
            assertThat(gauge(registry, "cupnet.executor.pool.size", "name", "handler")).isEqualTo(1);
            assertThat(registry.find("netty.eventexecutor.tasks.pending").gauges()).isNotEmpty();
        }
    }

    @Test
    void perPeerGaugesAreCappedAndTheRestAddUpAsOther() throws Exception {
        MessageCenter first = started(center(REFUSE_FAIL));
        MessageCenter second = started(center(REFUSE_FAIL));
        MessageCenter sender = started(center(REFUSE_FAIL));
        CupnetMetrics metrics = CupnetMetrics.builder(sender)
            .perPeer(true)
            .maxPeers(1)
            .peerRefreshInterval(Duration.ofHours(1))
            .build();
        bind(metrics, this.senderRegistry);

        send(sender, first, 7, "one", false);
        metrics.refreshPeers();
        send(sender, second, 7, "two", false);
        metrics.refreshPeers();

        String firstPeer = first.localAddress().toString();
        assertThat(gauge(this.senderRegistry, "cupnet.connections.open", "peer", firstPeer, "direction", "outbound"))
            .isEqualTo(1);
        assertThat(gauge(this.senderRegistry, "cupnet.connections.open", "peer", "other", "direction", "outbound"))
            .isEqualTo(1);
        assertThat(gauge(this.senderRegistry, "cupnet.send.queue.depth", "peer", firstPeer, "lane", "normal"))
            .isZero();
        assertThat(this.senderRegistry.find("cupnet.connections.open").gauges())
            .allSatisfy((gauge) -> assertThat(gauge.getId().getTag("peer")).isIn(firstPeer, "other"));
    }

    @Test
    void theMessageMetersAreTaggedTcpAndTheConnectionMetersAreNot() {
        MessageCenter center = center(REFUSE_FAIL);
        bind(new CupnetMetrics(center), this.senderRegistry);
        center.stats().sentByType().increment(7, CupnetStats.Sent.WRITTEN.ordinal());

        for (String name : List.of("cupnet.messages.sent", "cupnet.ack.pending", "cupnet.ack.acked",
                "cupnet.ack.timeouts", "cupnet.ack.latency", "cupnet.dedup.hits")) {
            assertThat(this.senderRegistry.find(name).meters()).as(name)
                .isNotEmpty()
                .allSatisfy((meter) -> assertThat(meter.getId().getTag("transport")).isEqualTo("tcp"));
        }
        for (String name : List.of("cupnet.bytes.sent", "cupnet.connections.opened", "cupnet.ack.retries")) {
            assertThat(this.senderRegistry.find(name).meters()).as(name)
                .isNotEmpty()
                .allSatisfy((meter) -> assertThat(meter.getId().getTag("transport")).isNull());
        }
    }

    @Test
    void closingStopsListeningToTheCenter() {
        MessageCenter center = center(REFUSE_FAIL);
        CupnetMetrics metrics = new CupnetMetrics(center);
        metrics.bindTo(this.senderRegistry);
        assertThat(center.stats().listener()).isNotSameAs(StatsListener.NONE);

        metrics.close();

        assertThat(center.stats().listener()).isSameAs(StatsListener.NONE);
    }

    private static void assertEveryFamilyIsRegistered(MeterRegistry registry) {
        for (String name : List.of("cupnet.messages.sent", "cupnet.messages.received", "cupnet.bytes.sent",
                "cupnet.bytes.received", "cupnet.frames.rejected", "cupnet.connections.open",
                "cupnet.connections.opened", "cupnet.connections.closed", "cupnet.connect.failures",
                "cupnet.reconnects", "cupnet.send.queue.depth", "cupnet.receive.queue.depth", "cupnet.reads.paused",
                "cupnet.reads.pauses", "cupnet.ack.pending", "cupnet.ack.latency", "cupnet.ack.retries",
                "cupnet.ack.timeouts", "cupnet.ack.unmatched", "cupnet.dedup.hits", "cupnet.tls.handshake.failures",
                "cupnet.connections.dropped", "cupnet.ack.refused", "cupnet.ack.rejected", "cupnet.connect.attempts",
                "cupnet.heartbeats", "cupnet.heartbeat.timeouts", "cupnet.receive.queue.bytes", "cupnet.ack.acked",
                "cupnet.ack.unreachable",
                "cupnet.executor.pool.size",
                "netty.eventexecutor.tasks.pending")) {
            assertThat(registry.find(name).meters()).as(name).isNotEmpty();
        }
    }

    private MessageCenter center(MessageHandler handler) {
        MessageCenter center = new MessageCenter(CupnetOptions.builder()
            .server(s -> s.host("127.0.0.1").port(0))
            .ack(a -> a.retryInterval(Duration.ofMillis(200)).timeout(Duration.ofSeconds(10)))
            .shutdownTimeout(Duration.ofSeconds(5))
            .build(), handler);
        this.closeables.add(center);
        return center;
    }

    private static MessageCenter started(MessageCenter center) {
        center.start();
        return center;
    }

    private void bind(CupnetMetrics metrics, MeterRegistry registry) {
        metrics.bindTo(registry);
        this.closeables.add(metrics);
    }

    private static DeliveryResult send(MessageCenter from, MessageCenter to, int type, String body, boolean needAck)
            throws Exception {
        CupMessage.Builder message = CupMessage.builder().to(to.localAddress()).type(type).body(body);
        return from.send((needAck ? message.needAck() : message).build()).get(10, TimeUnit.SECONDS);
    }

    private static void sendGarbage(MessageCenter to) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", to.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // Read until the node closes the connection.
            }
        }
    }

    private static double count(MeterRegistry registry, String name, String... tags) {
        FunctionCounter counter = registry.get(name).tags(tags).functionCounter();
        return counter.count();
    }

    private static double gauge(MeterRegistry registry, String name, String... tags) {
        Gauge gauge = registry.get(name).tags(tags).gauge();
        return gauge.value();
    }

    private static Timer timer(MeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).timer();
    }

}
