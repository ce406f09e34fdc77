package io.cupnet.spring.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;
import io.cupnet.MessageFlags;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.core.CupnetTemplate;
import io.cupnet.spring.support.SpringNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application contexts, each a cupnet node on a free loopback port, talking over real sockets.
 */
class TwoNodeMessagingTest {

    private static ConfigurableApplicationContext client;

    private static ConfigurableApplicationContext server;

    private static PeerAddress serverAddress;

    private static CupnetTemplate template;

    private static Listeners listeners;

    @BeforeAll
    static void startNodes() {
        server = node(ServerNode.class);
        client = node(ClientNode.class);
        template = client.getBean(CupnetTemplate.class);
        serverAddress = server.getBean(CupnetTemplate.class).localAddress();
        listeners = server.getBean(Listeners.class);
    }

    @AfterAll
    static void stopNodes() {
        client.close();
        server.close();
    }

    private static ConfigurableApplicationContext node(Class<?> configuration) {
        return SpringNodes.start(configuration);
    }

    @Test
    void whenAStringMessageIsSentThenTheListenerReceivesItWithItsFields() {
        DeliveryResult result = template.send(serverAddress, 10, "hello").join();
        await().untilAsserted(() -> assertThat(listeners.texts).contains("hello"));
        Received received = listeners.received.stream()
            .filter((each) -> each.uniqId().equals(result.uniqId()))
            .findFirst()
            .orElseThrow();
        assertThat(received.from()).isEqualTo(template.localAddress());
        assertThat(received.flags()).isEqualTo(MessageFlags.NORMAL);
        assertThat(received.headerNames()).contains(CupnetHeaders.UNIQ_ID, CupnetHeaders.FROM)
            .doesNotContain(MessageHeaders.ID, MessageHeaders.TIMESTAMP);
        assertThat(received.transport()).isEqualTo("tcp");
    }

    @Test
    void whenARequestIsSentToAnAddressStringThenTheReplyComesBack() {
        CupMessage reply = template.request(" " + serverAddress + " ", 20, "pong", Duration.ofSeconds(10)).join();
        assertThat(reply.bodyAsString()).isEqualTo("PONG");
    }

    @Test
    void whenARequestIsSentThenTheReturnValueComesBackAsTheReply() {
        CupMessage reply = template.request(serverAddress, 20, "ping", Duration.ofSeconds(10)).join();
        assertThat(reply.bodyAsString()).isEqualTo("PING");
        assertThat(reply.type()).isEqualTo(21);
        assertThat(reply.from()).isEqualTo(serverAddress);
    }

    @Test
    void whenAPojoIsSentThenTheListenerGetsItFromJsonAndRepliesWithJson() {
        Order reply = template.request(serverAddress, 30, new Order("tea", 2), Duration.ofSeconds(10), Order.class)
            .join();
        assertThat(reply).isEqualTo(new Order("TEA", 4));
    }

    @Test
    void whenTheListenerReturnsAFutureThenItsValueIsTheReply() {
        byte[] reply = template.request(serverAddress, 40, new byte[] { 1, 2, 3 }, Duration.ofSeconds(10),
                byte[].class)
            .join();
        assertThat(reply).containsExactly(3, 2, 1);
    }

    @Test
    void whenTheListenerFailsThenTheSenderResendsUntilItSucceeds() throws Exception {
        assertThat(acked(50, "flaky").attempts()).isGreaterThanOrEqualTo(3);
        assertThat(listeners.flakyCalls.get()).isEqualTo(3);
    }

    @Test
    void whenTheListenerRejectsAMessageThenItsResentCopyIsHandledAgain() throws Exception {
        assertThat(acked(90, "not yet").attempts()).isGreaterThanOrEqualTo(2);
        assertThat(listeners.rejectingCalls.get()).isEqualTo(2);
    }

    /** Sends a need-ack message to the serving node and waits for its ack. */
    private static DeliveryResult acked(int type, String body) throws Exception {
        DeliveryResult result = template.sendAndAwaitAck(serverAddress, type, body).get(15, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(DeliveryResult.Status.ACKED);
        return result;
    }

    @Test
    void whenMessagesGoToABatchListenerThenItReceivesThemInBatches() throws Exception {
        List<CompletableFuture<DeliveryResult>> sends = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sends.add(template.sendAndAwaitAck(serverAddress, 60, "item-" + i));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        await().untilAsserted(() -> assertThat(listeners.batches.stream().mapToInt(List::size).sum()).isEqualTo(12));
        assertThat(listeners.batches).allSatisfy((batch) -> assertThat(batch).hasSizeBetween(1, 5));
        assertThat(listeners.batches).anySatisfy((batch) -> assertThat(batch).hasSizeGreaterThan(1));
    }

    @Test
    void whenAnUnclaimedTypeArrivesThenTheCatchAllListenerGetsIt() {
        template.send(serverAddress, 999, "anything").join();
        await().untilAsserted(() -> assertThat(listeners.unclaimedTypes).contains(999));
    }

    @Test
    void whenTheErrorHandlerSaysAcknowledgeThenTheFailedMessageIsAckedOnce() throws Exception {
        DeliveryResult result = template.sendAndAwaitAck(serverAddress, 70, "give up").get(15, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(DeliveryResult.Status.ACKED);
        assertThat(listeners.hopelessCalls.get()).isEqualTo(1);
    }

    @Test
    void whenAListenerHasAConcurrencyLimitThenNoMoreCallsRunAtOnce() throws Exception {
        List<CompletableFuture<DeliveryResult>> sends = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sends.add(template.sendAndAwaitAck(serverAddress, 80, "job-" + i));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        assertThat(listeners.limitedDone.get()).isEqualTo(8);
        assertThat(listeners.limitedMax.get()).isBetween(1, 2);
    }

    /** A POJO carried as JSON. */
    record Order(String item, int quantity) {
    }

    record Received(UniqId uniqId, PeerAddress from, int flags, Set<String> headerNames, Object transport) {
    }

    /** Listeners of the serving node. */
    static class Listeners {

        final Queue<String> texts = new ConcurrentLinkedQueue<>();

        final Queue<Received> received = new ConcurrentLinkedQueue<>();

        final AtomicInteger flakyCalls = new AtomicInteger();

        final List<List<String>> batches = new CopyOnWriteArrayList<>();

        final Queue<Integer> unclaimedTypes = new ConcurrentLinkedQueue<>();

        final AtomicInteger hopelessCalls = new AtomicInteger();

        final AtomicInteger rejectingCalls = new AtomicInteger();

        final AtomicInteger limitedRunning = new AtomicInteger();

        final AtomicInteger limitedMax = new AtomicInteger();

        final AtomicInteger limitedDone = new AtomicInteger();

        @MessageListener(types = 10)
        void text(String body, UniqId uniqId, PeerAddress from, @Header("cupnet_flags") int flags,
                @Headers Map<String, Object> headers) {
            this.received.add(new Received(uniqId, from, flags, Set.copyOf(headers.keySet()),
                    headers.get(CupnetHeaders.TRANSPORT)));
            this.texts.add(body);
        }

        @MessageListener(types = 20)
        String upper(String body) {
            return body.toUpperCase();
        }

        @MessageListener(types = 30)
        Order doubled(Order order) {
            return new Order(order.item().toUpperCase(), order.quantity() * 2);
        }

        @MessageListener(types = 40)
        CompletableFuture<byte[]> reversed(byte[] body) {
            return CompletableFuture.supplyAsync(() -> new byte[] { body[2], body[1], body[0] });
        }

        @MessageListener(types = 50)
        void flaky(CupMessage message) {
            if (this.flakyCalls.incrementAndGet() < 3) {
                throw new IllegalStateException("failing on purpose, call " + this.flakyCalls.get());
            }
        }

        @MessageListener(types = 60, batch = true, batchSize = "5", batchTimeout = "200ms")
        void batch(List<String> bodies) {
            this.batches.add(List.copyOf(bodies));
        }

        @MessageListener(types = 70)
        void hopeless(String body) {
            this.hopelessCalls.incrementAndGet();
            throw new IllegalArgumentException("cannot handle '" + body + "'");
        }

        @MessageListener(types = 90)
        void rejectsTheFirstCall(String body, Acknowledgment acknowledgment) {
            if (this.rejectingCalls.incrementAndGet() == 1) {
                acknowledgment.reject();
            }
        }

        @MessageListener(types = 80, concurrency = "2")
        void limited(String body) {
            int running = this.limitedRunning.incrementAndGet();
            this.limitedMax.accumulateAndGet(running, Math::max);
            Thread.yield();
            this.limitedRunning.decrementAndGet();
            this.limitedDone.incrementAndGet();
        }

        @MessageListener(unclaimed = true)
        void anyOther(CupMessage message) {
            this.unclaimedTypes.add(message.type());
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ServerNode {

        @Bean
        Listeners listeners() {
            return new Listeners();
        }

        @Bean
        CupnetErrorHandler giveUpOnType70() {
            return (message, error) -> (message.type() == 70) ? ErrorAction.ACKNOWLEDGE : ErrorAction.RETRY;
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ClientNode {

    }

}
