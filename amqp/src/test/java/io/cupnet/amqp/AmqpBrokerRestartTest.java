package io.cupnet.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.cupnet.DeliveryException;
import io.cupnet.DeliveryException.Reason;
import io.cupnet.DeliveryResult;
import io.cupnet.MessageHandler;
import io.cupnet.amqp.support.BrokerExtension;
import io.cupnet.amqp.support.BrokerNodes;
import io.cupnet.amqp.support.PrivateBroker;
import io.cupnet.amqp.support.RecordingHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The run's broker restarted ({@code rabbitmqctl stop_app}, {@code start_app}) in the middle of a stream of need-ack
 * sends; the broker is running again, and awaited, before the test ends, so later test classes find it as before.
 */
@ExtendWith(BrokerExtension.class)
class AmqpBrokerRestartTest {

    private static final Duration WAIT = Duration.ofMinutes(2);

    private static final int TYPE = 7;

    private final BrokerNodes nodes = new BrokerNodes();

    @AfterEach
    void closeNodes() {
        this.nodes.close();
    }

    @Test
    void needAckSendsWaitOutABrokerRestartAndNothingTheBrokerConfirmedIsLost() throws Exception {
        String topic = BrokerNodes.uniqueTopic("broker-restart");
        CountDownLatch brokerStopped = new CountDownLatch(1);
        MessageHandler heldUntilTheBrokerStopped = (message, ack) -> brokerStopped.await(WAIT.toSeconds(),
                TimeUnit.SECONDS);
        RecordingHandler a = RecordingHandler.then(heldUntilTheBrokerStopped);
        RecordingHandler b = RecordingHandler.then(heldUntilTheBrokerStopped);
        this.nodes.start(a, (s) -> s.topic(topic).server("a"));
        this.nodes.start(b, (s) -> s.topic(topic).server("b"));
        AmqpMessageSender sender = this.nodes.start(null, (s) -> s.sendTimeout(WAIT).ackTimeout(Duration.ofSeconds(30)))
            .sender();
        PrivateBroker broker = BrokerExtension.broker();

        Map<String, CompletableFuture<DeliveryResult>> before = send(sender, topic, "before", 40);
        // both nodes are in their handler, with the rest of the stream queued or prefetched, when the broker stops
        await().atMost(WAIT).until(() -> !a.received().isEmpty() && !b.received().isEmpty());
        Map<String, CompletableFuture<DeliveryResult>> during;
        try {
            broker.stopApp();
            brokerStopped.countDown();
            during = send(sender, topic, "during", 20);
            assertThat(during.values()).noneMatch(CompletableFuture::isDone);
        }
        finally {
            brokerStopped.countDown();
            broker.startApp();
        }
        Map<String, CompletableFuture<DeliveryResult>> after = send(sender, topic, "after", 20);

        Map<String, CompletableFuture<DeliveryResult>> all = new LinkedHashMap<>(before);
        all.putAll(during);
        all.putAll(after);
        CompletableFuture.allOf(all.values().toArray(CompletableFuture[]::new))
            .exceptionally((ex) -> null)
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        // an ack already on its way when the broker stopped may be lost with the sender's reply queue: ACK_TIMEOUT
        assertThat(all.values()).allSatisfy((result) -> assertThat(outcome(result)).isIn("ACKED", "ACK_TIMEOUT"));
        assertThat(handled(a, b)).containsAll(withOutcome(all, "ACKED"));
        // the ack timeout starts at the broker's confirm: a send that timed out was confirmed, so it must be handled
        Set<String> confirmed = withOutcome(all, "ACKED", "ACK_TIMEOUT");
        await().atMost(WAIT).until(() -> handled(a, b).containsAll(confirmed));
        assertThat(Stream.of(during, after).flatMap((sends) -> sends.values().stream())
            .map(AmqpBrokerRestartTest::outcome)).containsOnly("ACKED");
    }

    @Test
    void aSendFailsWithConnectionLostWhenTheBrokerStaysAwayPastTheSendTimeoutAndWaitingSendsFailWithShutdownOnStop() {
        String topic = BrokerNodes.uniqueTopic("broker-away");
        this.nodes.start(RecordingHandler.succeeding(), (s) -> s.topic(topic));
        AmqpTransport shortWait = this.nodes.start(null, (s) -> s.sendTimeout(Duration.ofMillis(500)));
        AmqpTransport longWait = this.nodes.start(null, (s) -> s.sendTimeout(WAIT));
        PrivateBroker broker = BrokerExtension.broker();

        try {
            broker.stopApp();
            CompletableFuture<DeliveryResult> timedOut = shortWait.sender().send(AmqpTarget.topic(topic), TYPE,
                    "x".getBytes(StandardCharsets.UTF_8), true);
            CompletableFuture<DeliveryResult> stopped = longWait.sender().send(AmqpTarget.topic(topic), TYPE,
                    "y".getBytes(StandardCharsets.UTF_8), false);
            assertThat(timedOut).failsWithin(WAIT).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(DeliveryException.class, (ex) -> {
                    assertThat(ex.reason()).isEqualTo(Reason.CONNECTION_LOST);
                    assertThat(ex).hasMessageContaining("127.0.0.1:" + broker.amqpPort())
                        .hasMessageContaining("PT0.5S")
                        .hasMessageContaining("cupnet.amqp.send-timeout");
                });
            assertThat(stopped).isNotDone();
            longWait.stop();
            assertThat(stopped).failsWithin(WAIT).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(DeliveryException.class,
                        (ex) -> assertThat(ex.reason()).isEqualTo(Reason.SHUTDOWN));
        }
        finally {
            broker.startApp();
        }
    }

    private static Map<String, CompletableFuture<DeliveryResult>> send(AmqpMessageSender sender, String topic,
            String phase, int count) {
        Map<String, CompletableFuture<DeliveryResult>> sends = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String body = phase + "-" + i;
            sends.put(body, sender.send(AmqpTarget.topic(topic), TYPE, body.getBytes(StandardCharsets.UTF_8), true));
        }
        return sends;
    }

    private static Set<String> handled(RecordingHandler a, RecordingHandler b) {
        return Stream.concat(a.bodies().stream(), b.bodies().stream()).collect(Collectors.toSet());
    }

    private static Set<String> withOutcome(Map<String, CompletableFuture<DeliveryResult>> sends, String... outcomes) {
        Set<String> wanted = Set.of(outcomes);
        return sends.entrySet().stream()
            .filter((entry) -> wanted.contains(outcome(entry.getValue())))
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    }

    private static String outcome(CompletableFuture<DeliveryResult> result) {
        try {
            return result.join().status().name();
        }
        catch (CompletionException ex) {
            return (ex.getCause() instanceof DeliveryException failure) ? failure.reason().name() : ex.toString();
        }
    }

}
