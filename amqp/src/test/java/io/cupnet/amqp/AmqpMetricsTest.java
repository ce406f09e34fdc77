package io.cupnet.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.cupnet.DeliveryException;
import io.cupnet.DeliveryException.Reason;
import io.cupnet.DeliveryResult.Status;
import io.cupnet.amqp.support.BrokerExtension;
import io.cupnet.amqp.support.BrokerNodes;
import io.cupnet.amqp.support.RecordingHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Broker transports on the private broker; their meters, read from {@link SimpleMeterRegistry}s, show the traffic. */
@ExtendWith(BrokerExtension.class)
class AmqpMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int TYPE = 7;

    private final BrokerNodes nodes = new BrokerNodes();

    private final SimpleMeterRegistry senderRegistry = new SimpleMeterRegistry();

    private final SimpleMeterRegistry receiverRegistry = new SimpleMeterRegistry();

    @AfterEach
    void closeNodes() {
        this.nodes.close();
    }

    @Test
    void everyMeterIsThereOnceBoundAndTheSharedOnesAreTaggedAmqp() {
        AmqpTransport node = this.nodes.sender();
        new AmqpMetrics(node).bindTo(this.senderRegistry);

        for (String name : List.of("cupnet.messages.handled", "cupnet.ack.pending", "cupnet.ack.acked",
                "cupnet.ack.timeouts", "cupnet.dedup.hits")) {
            assertThat(this.senderRegistry.find(name).meters()).as(name)
                .isNotEmpty()
                .allSatisfy((meter) -> assertThat(meter.getId().getTag("transport")).isEqualTo("amqp"));
        }
        for (String name : List.of("cupnet.amqp.confirms", "cupnet.amqp.returns", "cupnet.amqp.redeliveries",
                "cupnet.amqp.dead.lettered")) {
            assertThat(this.senderRegistry.find(name).meters()).as(name).isNotEmpty();
        }
        assertThat(gauge(this.senderRegistry, "cupnet.amqp.connection.open")).isEqualTo(1);
    }

    @Test
    void aHandledNeedAckSendCountsAsAckedOnTheSenderAndAcceptedAndHandledOnTheReceiver() {
        String topic = BrokerNodes.uniqueTopic("counted");
        AmqpTransport receiver = this.nodes.start(RecordingHandler.succeeding(), (s) -> s.topic(topic));
        new AmqpMetrics(receiver).bindTo(this.receiverRegistry);
        AmqpTransport sender = this.nodes.sender();
        new AmqpMetrics(sender).bindTo(this.senderRegistry);

        assertThat(sender.sender().send(AmqpTarget.topic(topic), TYPE, body("a"), true).join().status())
            .isEqualTo(Status.ACKED);
        assertThat(sender.sender().send(AmqpTarget.topic(topic), TYPE, body("b"), false).join().status())
            .isEqualTo(Status.SENT);

        assertThat(count(this.senderRegistry, "cupnet.ack.acked")).isEqualTo(1);
        assertThat(gauge(this.senderRegistry, "cupnet.ack.pending")).isZero();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count(this.senderRegistry, "cupnet.messages.sent", "transport", "amqp", "type", "7", "result",
                    "acked")).isEqualTo(1);
            assertThat(count(this.senderRegistry, "cupnet.messages.sent", "type", "7", "result", "sent")).isEqualTo(1);
            assertThat(count(this.senderRegistry, "cupnet.amqp.confirms", "result", "ack")).isEqualTo(2);
            assertThat(count(this.receiverRegistry, "cupnet.messages.received", "transport", "amqp", "type", "7",
                    "result", "accepted")).isEqualTo(2);
            assertThat(this.receiverRegistry.get("cupnet.messages.handled").tags("result", "success").functionTimer()
                .count()).isEqualTo(2);
        });
        assertThat(count(this.senderRegistry, "cupnet.messages.sent", "type", "7", "result", "failed")).isZero();
        assertThat(count(this.receiverRegistry, "cupnet.messages.received", "type", "7", "result", "duplicate"))
            .isZero();
        assertThat(count(this.senderRegistry, "cupnet.amqp.returns")).isZero();
    }

    @Test
    void aSendToATopicNoNodeServesCountsAReturnAndAFailedSend() {
        AmqpTransport sender = this.nodes.sender();
        new AmqpMetrics(sender).bindTo(this.senderRegistry);

        assertThat(sender.sender().send(AmqpTarget.topic(BrokerNodes.uniqueTopic("nobody")), TYPE, body("x"), false))
            .failsWithin(WAIT).withThrowableThat().havingCause().isInstanceOfSatisfying(DeliveryException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(Reason.NO_ROUTE));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count(this.senderRegistry, "cupnet.messages.sent", "type", "7", "result", "failed"))
                .isEqualTo(1);
            assertThat(count(this.senderRegistry, "cupnet.amqp.returns")).isEqualTo(1);
            assertThat(count(this.senderRegistry, "cupnet.amqp.confirms", "result", "ack")).isEqualTo(1);
        });
    }

    @Test
    void aFailingHandlerCountsItsAttemptsItsDeadLetterAndTheAckTimeout() {
        String topic = BrokerNodes.uniqueTopic("poison");
        AmqpTransport receiver = this.nodes.start(RecordingHandler.then((message, ack) -> {
            throw new IllegalStateException("cannot handle " + message.bodyAsString());
        }), (s) -> s.topic(topic).maxAttempts(2));
        new AmqpMetrics(receiver).bindTo(this.receiverRegistry);
        AmqpTransport sender = this.nodes.start(null, (s) -> s.ackTimeout(Duration.ofSeconds(1)));
        new AmqpMetrics(sender).bindTo(this.senderRegistry);

        assertThat(sender.sender().send(AmqpTarget.topic(topic), TYPE, body("poison"), true))
            .failsWithin(WAIT).withThrowableThat().havingCause().isInstanceOfSatisfying(DeliveryException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(Reason.ACK_TIMEOUT));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count(this.senderRegistry, "cupnet.ack.timeouts")).isEqualTo(1);
            assertThat(count(this.senderRegistry, "cupnet.messages.sent", "type", "7", "result", "failed"))
                .isEqualTo(1);
            assertThat(count(this.receiverRegistry, "cupnet.amqp.dead.lettered", "reason", "attempts")).isEqualTo(1);
            assertThat(this.receiverRegistry.get("cupnet.messages.handled").tags("result", "failure").functionTimer()
                .count()).isEqualTo(2);
        });
        assertThat(count(this.receiverRegistry, "cupnet.amqp.dead.lettered", "reason", "malformed")).isZero();
    }

    @Test
    void aDeliveryThatIsNoCupnetMessageCountsAsDeadLetteredMalformed() {
        String topic = BrokerNodes.uniqueTopic("garbage");
        AmqpTransport receiver = this.nodes.start(RecordingHandler.succeeding(), (s) -> s.topic(topic));
        new AmqpMetrics(receiver).bindTo(this.receiverRegistry);

        this.nodes.template().send(receiver.names().topicQueue(topic), new Message(body("no headers"),
                new MessageProperties()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(count(this.receiverRegistry, "cupnet.amqp.dead.lettered",
                "reason", "malformed")).isEqualTo(1));
        assertThat(count(this.receiverRegistry, "cupnet.messages.received", "result", "accepted")).isZero();
    }

    private static double count(MeterRegistry registry, String name, String... tags) {
        return registry.find(name).tags(tags).functionCounters().stream().mapToDouble((c) -> c.count()).sum();
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
