package io.cupnet.amqp.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryException;
import io.cupnet.DeliveryException.Reason;
import io.cupnet.DeliveryResult;
import io.cupnet.DeliveryResult.Status;
import io.cupnet.MessageCenter;
import io.cupnet.MessageFlags;
import io.cupnet.PeerAddress;
import io.cupnet.amqp.support.BrokerExtension;
import io.cupnet.amqp.support.BrokerNodes;
import io.cupnet.amqp.support.RecordingHandler;
import io.cupnet.options.CupnetOptions;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.autoconfigure.CupnetAutoConfiguration;
import io.cupnet.spring.core.CupnetServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A gateway node that forwards some CUP types from a raw CUP peer to a topic served by another node. */
@ExtendWith(BrokerExtension.class)
class AmqpBridgeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final BrokerNodes nodes = new BrokerNodes();

    private final ApplicationContextRunner gateway = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CupnetAutoConfiguration.class, RabbitAutoConfiguration.class,
                CupnetAmqpAutoConfiguration.class))
        .withUserConfiguration(LocalListeners.class)
        .withPropertyValues("cupnet.server.host=127.0.0.1", "cupnet.server.port=0", "cupnet.shutdown-timeout=5s",
                "spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=" + BrokerExtension.broker().amqpPort(),
                "cupnet.amqp.enabled=true");

    private MessageCenter cupPeer;

    @AfterEach
    void close() {
        if (this.cupPeer != null) {
            this.cupPeer.close();
        }
        this.nodes.close();
    }

    @Test
    void aNeedAckFrameOfABridgedTypeIsPublishedToTheTopicWithItsFieldsAndAckedToItsCupSender() {
        String topic = BrokerNodes.uniqueTopic("bridge");
        RecordingHandler worker = RecordingHandler.succeeding();
        this.nodes.start(worker, (s) -> s.topic(topic));
        this.cupPeer = startCupPeer(WAIT);
        this.gateway.withPropertyValues("cupnet.amqp.bridge.types=9,10", "cupnet.amqp.bridge.topic=" + topic)
            .run((context) -> {
                assertThat(context).hasNotFailed();

                DeliveryResult result = this.cupPeer.send(frame(context, 9, "bridged").needAck().build())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

                assertThat(result.status()).isEqualTo(Status.ACKED);
                await().atMost(WAIT).until(() -> !worker.received().isEmpty());
                assertThat(worker.received()).singleElement().satisfies((message) -> {
                    assertThat(message.type()).isEqualTo(9);
                    assertThat(message.uniqId()).isEqualTo(result.uniqId());
                    assertThat(message.flags()).isEqualTo(MessageFlags.NORMAL | MessageFlags.NEEDACK);
                    assertThat(message.from()).isEqualTo(this.cupPeer.localAddress());
                    assertThat(message.bodyAsString()).isEqualTo("bridged");
                });
                assertThat(context.getBean(LocalListeners.class).bodies).isEmpty();
            });
    }

    @Test
    void framesOfOtherTypesAreStillHandledLocally() {
        String topic = BrokerNodes.uniqueTopic("bridge-local");
        RecordingHandler worker = RecordingHandler.succeeding();
        this.nodes.start(worker, (s) -> s.topic(topic));
        this.cupPeer = startCupPeer(WAIT);
        this.gateway.withPropertyValues("cupnet.amqp.bridge.types=9", "cupnet.amqp.bridge.topic=" + topic)
            .run((context) -> {
                DeliveryResult result = this.cupPeer.send(frame(context, 12, "local").needAck().build())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

                assertThat(result.status()).isEqualTo(Status.ACKED);
                assertThat(context.getBean(LocalListeners.class).bodies).containsExactly("local");
                assertThat(worker.received()).isEmpty();
            });
    }

    @Test
    void aNeedAckFrameWhosePublishFailsIsNeverAckedAndGoesThroughOnceTheTopicIsServed() {
        String topic = BrokerNodes.uniqueTopic("bridge-nobody");
        this.cupPeer = startCupPeer(Duration.ofSeconds(2));
        this.gateway.withPropertyValues("cupnet.amqp.bridge.types=9", "cupnet.amqp.bridge.topic=" + topic)
            .run((context) -> {
                assertThat(this.cupPeer.send(frame(context, 9, "unroutable").needAck().build()))
                    .failsWithin(WAIT).withThrowableThat().havingCause()
                    .isInstanceOfSatisfying(DeliveryException.class,
                            (ex) -> assertThat(ex.reason()).isEqualTo(Reason.ACK_TIMEOUT));

                RecordingHandler worker = RecordingHandler.succeeding();
                this.nodes.start(worker, (s) -> s.topic(topic));
                DeliveryResult result = this.cupPeer.send(frame(context, 9, "routable").needAck().build())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

                assertThat(result.status()).isEqualTo(Status.ACKED);
                await().atMost(WAIT).until(() -> !worker.received().isEmpty());
                assertThat(worker.bodies()).containsExactly("routable");
                assertThat(context.getBean(LocalListeners.class).bodies).isEmpty();
            });
    }

    @Test
    void inManualAckModeTheBrokerConfirmAcknowledgesTheBridgedFrame() {
        String topic = BrokerNodes.uniqueTopic("bridge-manual");
        RecordingHandler worker = RecordingHandler.succeeding();
        this.nodes.start(worker, (s) -> s.topic(topic));
        this.cupPeer = startCupPeer(WAIT);
        this.gateway.withPropertyValues("cupnet.ack.mode=manual", "cupnet.amqp.bridge.types=9",
                "cupnet.amqp.bridge.topic=" + topic)
            .run((context) -> {
                DeliveryResult result = this.cupPeer.send(frame(context, 9, "manual").needAck().build())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

                assertThat(result.status()).isEqualTo(Status.ACKED);
                await().atMost(WAIT).until(() -> !worker.received().isEmpty());
                assertThat(worker.received()).singleElement()
                    .satisfies((message) -> assertThat(message.uniqId()).isEqualTo(result.uniqId()));
            });
    }

    @Test
    void bridgeTypesWithoutATopicFailStartUpNamingTheProperty() {
        this.gateway.withPropertyValues("cupnet.amqp.bridge.types=9").run((context) -> assertThat(context)
            .hasFailed().getFailure().rootCause().hasMessageContaining("cupnet.amqp.bridge.topic"));
    }

    private static MessageCenter startCupPeer(Duration ackTimeout) {
        MessageCenter peer = new MessageCenter(CupnetOptions.builder()
            .server((s) -> s.host("127.0.0.1").port(0))
            .ack((a) -> a.retryInterval(Duration.ofMillis(200)).timeout(ackTimeout))
            .build(), (message, ack) -> { });
        peer.start();
        return peer;
    }

    private static CupMessage.Builder frame(ApplicationContext gateway, int type, String body) {
        int port = gateway.getBean(CupnetServer.class).requireMessageCenter().port();
        return CupMessage.builder().to(PeerAddress.of("127.0.0.1", port)).type(type).body(body);
    }

    @Configuration(proxyBeanMethods = false)
    static class LocalListeners {

        final List<String> bodies = new CopyOnWriteArrayList<>();

        @MessageListener(types = { 9, 12 })
        void onMessage(String body) {
            this.bodies.add(body);
        }

    }

}
