package io.cupnet.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryException;
import io.cupnet.DeliveryException.Reason;
import io.cupnet.DeliveryResult;
import io.cupnet.DeliveryResult.Status;
import io.cupnet.UniqId;
import io.cupnet.amqp.support.BrokerExtension;
import io.cupnet.amqp.support.BrokerNodes;
import io.cupnet.amqp.support.RecordingHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(BrokerExtension.class)
class AmqpTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int TYPE = 7;

    private final BrokerNodes nodes = new BrokerNodes();

    private final Map<UniqId, Integer> failures = new ConcurrentHashMap<>();

    @AfterEach
    void closeNodes() {
        this.nodes.close();
    }

    @Test
    void nodesServingOneTopicShareItsMessagesAndEachMessageIsHandledOnce() {
        String topic = BrokerNodes.uniqueTopic("work");
        RecordingHandler first = RecordingHandler.succeeding();
        RecordingHandler second = RecordingHandler.succeeding();
        this.nodes.start(first, (s) -> s.topic(topic).server("a"));
        this.nodes.start(second, (s) -> s.topic(topic).server("b"));
        AmqpMessageSender sender = this.nodes.sender().sender();

        List<DeliveryResult> results = IntStream.range(0, 40)
            .mapToObj((i) -> sender.send(AmqpTarget.topic(topic), TYPE, body("m" + i), true))
            .map(CompletableFuture::join)
            .toList();

        assertThat(results).extracting(DeliveryResult::status).containsOnly(Status.ACKED);
        assertThat(first.bodies()).isNotEmpty().doesNotContainAnyElementsOf(second.bodies());
        assertThat(second.bodies()).isNotEmpty();
        assertThat(first.bodies().size() + second.bodies().size()).isEqualTo(40);
    }

    @Test
    void aNeedAckSendCompletesAckedOnlyAfterTheHandlerReturned() throws Exception {
        String topic = BrokerNodes.uniqueTopic("ack");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingHandler handler = RecordingHandler.then((message, ack) -> {
            entered.countDown();
            release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        });
        this.nodes.start(handler, (s) -> s.topic(topic));
        AmqpMessageSender sender = this.nodes.sender().sender();

        CompletableFuture<DeliveryResult> result = sender.send(AmqpTarget.topic(topic), TYPE, body("hello"), true);
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(result).isNotDone();
        release.countDown();

        DeliveryResult delivered = result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(delivered.status()).isEqualTo(Status.ACKED);
        assertThat(handler.received()).singleElement().satisfies((message) -> {
            assertThat(message.uniqId()).isEqualTo(delivered.uniqId());
            assertThat(message.type()).isEqualTo(TYPE);
            assertThat(message.needsAck()).isTrue();
            assertThat(message.bodyAsString()).isEqualTo("hello");
        });
    }

    @Test
    void aPlainSendCompletesSentOnceTheBrokerConfirmedIt() {
        String topic = BrokerNodes.uniqueTopic("plain");
        RecordingHandler handler = RecordingHandler.succeeding();
        this.nodes.start(handler, (s) -> s.topic(topic));

        DeliveryResult result = this.nodes.sender().sender().send(AmqpTarget.topic(topic), TYPE, body("x"), false)
            .join();

        assertThat(result.status()).isEqualTo(Status.SENT);
        await().atMost(WAIT).until(() -> handler.bodies().contains("x"));
    }

    @Test
    void aTopicNoNodeServesFailsWithNoRoute() {
        AmqpMessageSender sender = this.nodes.sender().sender();
        String topic = BrokerNodes.uniqueTopic("nobody");

        assertThat(sender.send(AmqpTarget.topic(topic), TYPE, body("x"), false))
            .failsWithin(WAIT).withThrowableThat().havingCause().isInstanceOfSatisfying(DeliveryException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(Reason.NO_ROUTE));
        assertThat(sender.send(AmqpTarget.topic(topic), TYPE, body("x"), true))
            .failsWithin(WAIT).withThrowableThat().havingCause().isInstanceOfSatisfying(DeliveryException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(Reason.NO_ROUTE));
        assertThat(sender.send(AmqpTarget.fanout(topic), TYPE, body("x"), false))
            .failsWithin(WAIT).withThrowableThat().havingCause().isInstanceOfSatisfying(DeliveryException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(Reason.NO_ROUTE));
    }

    @Test
    void aServerTheTopicDoesNotHaveFailsWithNoRoute() {
        String topic = BrokerNodes.uniqueTopic("servers");
        this.nodes.start(RecordingHandler.succeeding(), (s) -> s.topic(topic).server("a"));

        assertThat(this.nodes.sender().sender().send(AmqpTarget.server(topic, "b"), TYPE, body("x"), true))
            .failsWithin(WAIT).withThrowableThat().havingCause().isInstanceOfSatisfying(DeliveryException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(Reason.NO_ROUTE));
    }

    @Test
    void aFailingHandlerIsRetriedThenItsMessageIsDeadLetteredAndTheSendTimesOut() {
        String topic = BrokerNodes.uniqueTopic("poison");
        RecordingHandler handler = RecordingHandler.then((message, ack) -> {
            throw new IllegalStateException("cannot handle " + message.bodyAsString());
        });
        AmqpTransport node = this.nodes.start(handler, (s) -> s.topic(topic).maxAttempts(3));
        AmqpMessageSender sender = this.nodes.start(null, (s) -> s.ackTimeout(Duration.ofSeconds(2))).sender();

        CompletableFuture<DeliveryResult> result = sender.send(AmqpTarget.topic(topic), TYPE, body("poison"), true);

        String dlq = node.names().deadLetterQueue(topic);
        Message deadLetter = this.nodes.template().receive(dlq, WAIT.toMillis());
        assertThat(deadLetter).isNotNull();
        assertThat(new String(deadLetter.getBody(), StandardCharsets.UTF_8)).isEqualTo("poison");
        assertThat(handler.bodies()).containsExactly("poison", "poison", "poison");
        assertThat(result).failsWithin(WAIT).withThrowableThat().havingCause()
            .isInstanceOfSatisfying(DeliveryException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(Reason.ACK_TIMEOUT));
    }

    @Test
    void aHandlerThatSucceedsOnARetryAcksTheMessageAndDeadLettersNothing() {
        String topic = BrokerNodes.uniqueTopic("flaky");
        RecordingHandler handler = RecordingHandler.then((message, ack) -> {
            if (message.bodyAsString().equals("flaky") && failuresSoFar(message) < 2) {
                throw new IllegalStateException("transient");
            }
        });
        AmqpTransport node = this.nodes.start(handler, (s) -> s.topic(topic).maxAttempts(3));
        AmqpMessageSender sender = this.nodes.sender().sender();

        DeliveryResult result = sender.send(AmqpTarget.topic(topic), TYPE, body("flaky"), true).join();

        assertThat(result.status()).isEqualTo(Status.ACKED);
        assertThat(handler.bodies()).containsExactly("flaky", "flaky", "flaky");
        assertThat(this.nodes.admin().getQueueInfo(node.names().deadLetterQueue(topic)).getMessageCount()).isZero();
    }

    @Test
    void aMessageToOneServerOfATopicReachesThatServerOnly() {
        String topic = BrokerNodes.uniqueTopic("one");
        RecordingHandler a = RecordingHandler.succeeding();
        RecordingHandler b = RecordingHandler.succeeding();
        this.nodes.start(a, (s) -> s.topic(topic).server("a"));
        this.nodes.start(b, (s) -> s.topic(topic).server("b"));
        AmqpMessageSender sender = this.nodes.sender().sender();

        List<DeliveryResult> results = IntStream.range(0, 5)
            .mapToObj((i) -> sender.send(AmqpTarget.server(topic, "b"), TYPE, body("to-b" + i), true))
            .map(CompletableFuture::join)
            .toList();

        assertThat(results).extracting(DeliveryResult::status).containsOnly(Status.ACKED);
        assertThat(b.bodies()).containsExactlyInAnyOrder("to-b0", "to-b1", "to-b2", "to-b3", "to-b4");
        assertThat(a.bodies()).isEmpty();
    }

    @Test
    void aFanOutReachesEveryNodeOfTheTopic() {
        String topic = BrokerNodes.uniqueTopic("all");
        List<RecordingHandler> handlers = List.of(RecordingHandler.succeeding(), RecordingHandler.succeeding(),
                RecordingHandler.succeeding());
        handlers.forEach((handler) -> this.nodes.start(handler, (s) -> s.topic(topic)));
        AmqpMessageSender sender = this.nodes.sender().sender();

        DeliveryResult result = sender.send(AmqpTarget.fanout(topic), TYPE, body("everyone"), true).join();

        assertThat(result.status()).isEqualTo(Status.ACKED);
        for (RecordingHandler handler : handlers) {
            await().atMost(WAIT).until(() -> handler.bodies().equals(List.of("everyone")));
        }
    }

    @Test
    void aQueueDeclaredEarlierWithOtherArgumentsDoesNotStopTheNode() {
        String topic = BrokerNodes.uniqueTopic("changed");
        this.nodes.admin().declareQueue(new Queue("cupnet." + topic, true, false, false, Map.of("x-max-length", 1000)));
        RecordingHandler handler = RecordingHandler.succeeding();
        this.nodes.start(handler, (s) -> s.topic(topic));

        DeliveryResult result = this.nodes.sender().sender().send(AmqpTarget.topic(topic), TYPE, body("x"), true)
            .join();

        assertThat(result.status()).isEqualTo(Status.ACKED);
        assertThat(handler.bodies()).containsExactly("x");
    }

    @Test
    void aNodeRestartedWithOtherOptionsDeclaresItsQueuesAgainWithoutError() {
        String topic = BrokerNodes.uniqueTopic("restart");
        this.nodes.start(RecordingHandler.succeeding(), (s) -> s.topic(topic).server("a").prefetch(5)).destroy();
        RecordingHandler handler = RecordingHandler.succeeding();
        this.nodes.start(handler, (s) -> s.topic(topic).server("a").prefetch(50).maxAttempts(7).concurrency(2));

        DeliveryResult result = this.nodes.sender().sender().send(AmqpTarget.server(topic, "a"), TYPE, body("x"), true)
            .join();

        assertThat(result.status()).isEqualTo(Status.ACKED);
        assertThat(handler.bodies()).containsExactly("x");
    }

    @Test
    void aStoppingNodeFinishesItsRunningHandlerAndHandsItsPrefetchedMessagesToAnotherNodeWithoutDuplicates() throws Exception {
        String topic = BrokerNodes.uniqueTopic("stop");
        AtomicReference<AmqpTransport> stopping = new AtomicReference<>();
        AtomicReference<CompletableFuture<Void>> stopped = new AtomicReference<>();
        RecordingHandler first = RecordingHandler.then((message, ack) -> {
            if (stopped.get() == null) {
                stopped.set(CompletableFuture.runAsync(() -> stopping.get().stop()));
                await().atMost(WAIT).until(() -> !stopping.get().isConsuming());
            }
        });
        stopping.set(this.nodes.start(first, (s) -> s.topic(topic).prefetch(10)));
        AmqpMessageSender sender = this.nodes.sender().sender();
        List<CompletableFuture<DeliveryResult>> results = IntStream.range(0, 5)
            .mapToObj((i) -> sender.send(AmqpTarget.topic(topic), TYPE, body("m" + i), true))
            .toList();

        await().atMost(WAIT).until(() -> stopped.get() != null);
        stopped.get().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        RecordingHandler second = RecordingHandler.succeeding();
        this.nodes.start(second, (s) -> s.topic(topic));

        assertThat(results).allSatisfy((result) -> assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS)
            .status()).isEqualTo(Status.ACKED));
        assertThat(first.bodies()).isNotEmpty().doesNotContainAnyElementsOf(second.bodies());
        assertThat(first.bodies().size() + second.bodies().size()).isEqualTo(5);
    }

    @Test
    void aRedeliveredNeedAckMessageThatWasHandledIsAckedAgainAndNotHandledTwice() {
        String topic = BrokerNodes.uniqueTopic("redelivered");
        CachingConnectionFactory connection = BrokerNodes.connectionFactory();
        AtomicBoolean brokerAckLost = new AtomicBoolean();
        RecordingHandler handler = RecordingHandler.then((message, ack) -> {
            if (brokerAckLost.compareAndSet(false, true)) {
                // The handler succeeds, but its broker ack cannot go out: the broker redelivers the message.
                connection.resetConnection();
            }
        });
        AmqpTransport node = this.nodes.start(connection, handler, (s) -> s.topic(topic));

        DeliveryResult result = this.nodes.sender().sender().send(AmqpTarget.topic(topic), TYPE, body("once"), true)
            .join();

        assertThat(result.status()).isEqualTo(Status.ACKED);
        await().atMost(WAIT).until(() -> node.redeliveriesAckedAgain() == 1);
        assertThat(handler.bodies()).containsExactly("once");
    }

    private int failuresSoFar(CupMessage message) {
        return this.failures.merge(message.uniqId(), 1, Integer::sum) - 1;
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
