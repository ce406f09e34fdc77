package io.cupnet.amqp.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;
import io.cupnet.DeliveryResult.Status;
import io.cupnet.amqp.AmqpMessageSender;
import io.cupnet.amqp.AmqpTarget;
import io.cupnet.amqp.support.BrokerExtension;
import io.cupnet.amqp.support.BrokerNodes;
import io.cupnet.amqp.support.RecordingHandler;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.autoconfigure.CupnetAutoConfiguration;
import io.cupnet.spring.core.CupnetServer;
import io.cupnet.spring.core.CupnetTemplate;
import io.cupnet.spring.listener.CupnetHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.Message;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code @MessageListener} methods of a Spring node that serves a topic on the broker. */
@ExtendWith(BrokerExtension.class)
class AmqpListenersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int ECHO = 7;

    private static final int BLOCKING = 20;

    private static final int FAILING = 22;

    private static final int QUIET = 24;

    private final BrokerNodes nodes = new BrokerNodes();

    private final ApplicationContextRunner worker = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CupnetAutoConfiguration.class, RabbitAutoConfiguration.class,
                CupnetAmqpAutoConfiguration.class))
        .withUserConfiguration(Listeners.class)
        .withPropertyValues("cupnet.server.host=127.0.0.1", "cupnet.server.port=0", "cupnet.shutdown-timeout=5s",
                "spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=" + BrokerExtension.broker().amqpPort(),
                "cupnet.amqp.enabled=true", "cupnet.amqp.retry-backoff=0ms");

    @AfterEach
    void close() {
        this.nodes.close();
    }

    @Test
    void aListenersReplyToARequestOverTheBrokerComesBackOverTheBroker() {
        String topic = BrokerNodes.uniqueTopic("echo");
        this.worker.withPropertyValues("cupnet.amqp.topic=" + topic).run((context) -> {
            AmqpMessageSender sender = this.nodes.sender().sender();

            CupMessage reply = sender.request(AmqpTarget.topic(topic), ECHO, "ping".getBytes(), WAIT)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(reply.bodyAsString()).isEqualTo("echo: ping");
            assertThat(reply.type()).isEqualTo(ECHO + 1);
            assertThat(reply.from())
                .isEqualTo(context.getBean(CupnetServer.class).requireMessageCenter().localAddress());
        });
    }

    @Test
    void cupnetTemplateSendsToBrokerDestinationsByTheirScheme() {
        String topic = BrokerNodes.uniqueTopic("template");
        this.worker.withPropertyValues("cupnet.amqp.topic=" + topic, "cupnet.amqp.server=only").run((context) -> {
            CupnetTemplate template = context.getBean(CupnetTemplate.class);

            String reply = template.request("amqp:" + topic, ECHO, "ping", WAIT, String.class)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            DeliveryResult acked = template.sendAndAwaitAck("amqp:" + topic + "/only", QUIET, "to the server")
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            DeliveryResult fanout = template.send("amqp:" + topic + "/*", QUIET, "to all")
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(reply).isEqualTo("echo: ping");
            assertThat(acked.status()).isEqualTo(Status.ACKED);
            assertThat(fanout.status()).isEqualTo(Status.SENT);
            assertThat(template.send("amqp:" + topic + "/a/b", QUIET, "nowhere")).failsWithin(WAIT)
                .withThrowableThat().havingCause().withMessageContaining("'topic/server'");
        });
    }

    @Test
    void aRequestWhoseListenerReturnsNothingTimesOutNamingTheTarget() {
        String topic = BrokerNodes.uniqueTopic("silent");
        this.worker.withPropertyValues("cupnet.amqp.topic=" + topic).run((context) -> {
            AmqpMessageSender sender = this.nodes.sender().sender();

            CompletableFuture<CupMessage> reply = sender.request(AmqpTarget.topic(topic), QUIET,
                    "nobody answers".getBytes(), Duration.ofMillis(500));

            assertThat(reply).failsWithin(WAIT).withThrowableThat().havingCause()
                .withMessageContaining("No reply").withMessageContaining(topic);
        });
    }

    @Test
    void theNodesMessagesOverTheBrokerCarryItsTcpAddressAsTheirSender() {
        String topic = BrokerNodes.uniqueTopic("from");
        RecordingHandler receiver = RecordingHandler.succeeding();
        this.nodes.start(receiver, (s) -> s.topic(topic));
        this.worker.run((context) -> {
            context.getBean(AmqpMessageSender.class).send(AmqpTarget.topic(topic), ECHO, "hi".getBytes(), true)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(receiver.received()).singleElement().satisfies((message) -> assertThat(message.from())
                .isEqualTo(context.getBean(CupnetServer.class).requireMessageCenter().localAddress()));
        });
    }

    @Test
    void aNeedAckMessageForAListenerWithThreadsOfItsOwnIsAckedOnlyOnceThatListenerReturned() {
        String topic = BrokerNodes.uniqueTopic("own-threads");
        this.worker.withPropertyValues("cupnet.amqp.topic=" + topic).run((context) -> {
            Listeners listeners = context.getBean(Listeners.class);
            AmqpMessageSender sender = this.nodes.sender().sender();

            CompletableFuture<DeliveryResult> result = sender.send(AmqpTarget.topic(topic), BLOCKING,
                    "held".getBytes(), true);
            assertThat(listeners.blockingEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            CompletableFuture<DeliveryResult> other = sender.send(AmqpTarget.topic(topic), ECHO,
                    "not held".getBytes(), true);
            assertThat(other.get(WAIT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(Status.ACKED);
            assertThat(result).isNotDone();

            listeners.release.countDown();

            assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(Status.ACKED);
            assertThat(listeners.blockingTransport).as("the transport header, on the listener's own thread")
                .hasValue("amqp");
        });
    }

    @Test
    void closingTheNodeLetsAListenerWithThreadsOfItsOwnEndItsDeliveryAndSettlesItBeforeTheConnectionCloses() {
        String topic = BrokerNodes.uniqueTopic("own-threads-stop");
        this.worker.withPropertyValues("cupnet.amqp.topic=" + topic).run((context) -> {
            Listeners listeners = context.getBean(Listeners.class);
            CompletableFuture<DeliveryResult> result = this.nodes.sender().sender().send(AmqpTarget.topic(topic),
                    BLOCKING, "held".getBytes(), true);
            assertThat(listeners.blockingEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(context::close);
            // Lets the close reach its wait for the listener; the outcome is the same whenever the listener ends.
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            listeners.release.countDown();
            stopped.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(Status.ACKED);
            assertThat(this.nodes.admin().getQueueInfo("cupnet." + topic).getMessageCount())
                .as("the delivery was acked, not handed back for another node to handle again").isZero();
            assertThat(listeners.blockingCalls).hasValue(1);
        });
    }

    @Test
    void aListenerWithThreadsOfItsOwnThatKeepsFailingIsRetriedThenDeadLettered() {
        String topic = BrokerNodes.uniqueTopic("own-threads-failing");
        this.worker.withPropertyValues("cupnet.amqp.topic=" + topic, "cupnet.amqp.max-attempts=3").run((context) -> {
            AmqpMessageSender sender = this.nodes.sender().sender();

            sender.send(AmqpTarget.topic(topic), FAILING, "doomed".getBytes(), false)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            Message deadLetter = this.nodes.template().receive("cupnet." + topic + ".dlq", WAIT.toMillis());
            assertThat(deadLetter).isNotNull();
            assertThat(new String(deadLetter.getBody())).isEqualTo("doomed");
            assertThat(context.getBean(Listeners.class).failingAttempts).hasValue(3);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        final CountDownLatch blockingEntered = new CountDownLatch(1);

        final CountDownLatch release = new CountDownLatch(1);

        final AtomicInteger failingAttempts = new AtomicInteger();

        final AtomicInteger blockingCalls = new AtomicInteger();

        final AtomicReference<String> blockingTransport = new AtomicReference<>();

        @MessageListener(types = ECHO)
        String echo(String body) {
            return "echo: " + body;
        }

        @MessageListener(types = BLOCKING, concurrency = "2")
        void block(String body, @Header(CupnetHeaders.TRANSPORT) String transport) throws InterruptedException {
            this.blockingTransport.set(transport);
            this.blockingCalls.incrementAndGet();
            this.blockingEntered.countDown();
            this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        @MessageListener(types = QUIET)
        void quiet(String body) {
        }

        @MessageListener(types = FAILING, concurrency = "1")
        void fail(String body) {
            this.failingAttempts.incrementAndGet();
            throw new IllegalStateException("this listener always fails");
        }

    }

}
