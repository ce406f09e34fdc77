package io.cupnet.spring.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.cupnet.DeliveryResult;
import io.cupnet.PeerAddress;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.core.CupnetServer;
import io.cupnet.spring.core.CupnetTemplate;
import io.cupnet.spring.support.SpringNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Concurrency and ordering per listener, on two real nodes: a listener's concurrency limit or
 * batches run on its own threads, the node keeps one handler thread, and the order of the
 * other listeners' messages is kept.
 */
class ListenerOrderingTest {

    private static final int WIDE = 100;

    private static final int ORDERED = 101;

    private static final int BATCH = 102;

    private static final int HELD = 103;

    private static final int ORDERED_NEXT_TO_BATCHES = 104;

    private static final int PROBE = 105;

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
        listeners.releaseWide.countDown();
        listeners.releaseHeld.countDown();
        client.close();
        server.close();
    }

    private static ConfigurableApplicationContext node(Class<?> configuration) {
        return SpringNodes.start(configuration);
    }

    @Test
    void aListenerWithConcurrencyFourRunsFourCallsAtOnceWhileAnotherReceivesItsMessagesInOrder() throws Exception {
        List<CompletableFuture<DeliveryResult>> wide = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            wide.add(template.sendAndAwaitAck(serverAddress, WIDE, "wide-" + i));
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> listeners.wideRunning.get() == 4);

        List<Integer> sent = sendNumbered(ORDERED, 200);

        await().atMost(10, TimeUnit.SECONDS).until(() -> listeners.received(ORDERED).size() == sent.size());
        assertThat(listeners.received(ORDERED)).isEqualTo(sent);
        assertThat(wide).noneMatch(CompletableFuture::isDone);
        listeners.releaseWide.countDown();
        assertThat(allAcked(wide)).isTrue();
        assertThat(listeners.wideMaxRunning.get()).isEqualTo(4);
        assertThat(handlerThreads()).isEqualTo(1);
    }

    @Test
    void aBatchListenerDoesNotChangeAnotherListenersOrder() throws Exception {
        List<CompletableFuture<DeliveryResult>> batched = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batched.add(template.sendAndAwaitAck(serverAddress, BATCH, Integer.toString(i)));
            template.send(serverAddress, ORDERED_NEXT_TO_BATCHES, Integer.toString(i));
            sent.add(i);
        }

        assertThat(allAcked(batched)).isTrue();
        await().atMost(10, TimeUnit.SECONDS)
            .until(() -> listeners.received(ORDERED_NEXT_TO_BATCHES).size() == sent.size());
        assertThat(listeners.received(ORDERED_NEXT_TO_BATCHES)).isEqualTo(sent);
        assertThat(listeners.batches.stream().mapToInt(List::size).sum()).isEqualTo(100);
        assertThat(listeners.batches).allSatisfy((batch) -> assertThat(batch).hasSizeBetween(1, 5));
        // One handler thread: batches of more than one need-ack message mean it did not wait for each batch.
        assertThat(listeners.batches).anySatisfy((batch) -> assertThat(batch).hasSizeGreaterThan(1));
        assertThat(handlerThreads()).isEqualTo(1);
    }

    @Test
    void aNeedAckMessageOnAListenersOwnThreadIsAckedOnlyAfterTheMethodReturned() throws Exception {
        CompletableFuture<DeliveryResult> held = template.sendAndAwaitAck(serverAddress, HELD, "held");
        assertThat(listeners.heldEntered.await(10, TimeUnit.SECONDS)).isTrue();

        // Acked by the handler thread after it handed the held message on, and sent after any ack of it.
        DeliveryResult probe = template.sendAndAwaitAck(serverAddress, PROBE, "0").get(15, TimeUnit.SECONDS);

        assertThat(probe.status()).isEqualTo(DeliveryResult.Status.ACKED);
        assertThat(held).isNotDone();
        listeners.releaseHeld.countDown();
        assertThat(held.get(15, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.ACKED);
    }

    @Test
    void aFailingCallOnAListenersOwnThreadIsNotAckedAndTheSenderResendsIt() throws Exception {
        DeliveryResult result = template.sendAndAwaitAck(serverAddress, HELD, "flaky").get(15, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.ACKED);
        assertThat(result.attempts()).isGreaterThanOrEqualTo(2);
        assertThat(listeners.flakyCalls.get()).isEqualTo(2);
    }

    private static List<Integer> sendNumbered(int type, int count) {
        List<CompletableFuture<DeliveryResult>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(template.send(serverAddress, type, Integer.toString(i)));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        return IntStream.range(0, count).boxed().toList();
    }

    private static boolean allAcked(List<CompletableFuture<DeliveryResult>> sends) throws Exception {
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        return sends.stream().allMatch((send) -> send.join().status() == DeliveryResult.Status.ACKED);
    }

    private static int handlerThreads() {
        return server.getBean(CupnetServer.class).getMessageCenter().options().listener().concurrency();
    }

    /** Listeners of the serving node. */
    static class Listeners {

        final CountDownLatch releaseWide = new CountDownLatch(1);

        final AtomicInteger wideRunning = new AtomicInteger();

        final AtomicInteger wideMaxRunning = new AtomicInteger();

        final Map<Integer, List<Integer>> received = new ConcurrentHashMap<>();

        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

        final CountDownLatch heldEntered = new CountDownLatch(1);

        final CountDownLatch releaseHeld = new CountDownLatch(1);

        final AtomicInteger flakyCalls = new AtomicInteger();

        @MessageListener(types = WIDE, concurrency = "4")
        void wide(String body) throws InterruptedException {
            this.wideMaxRunning.accumulateAndGet(this.wideRunning.incrementAndGet(), Math::max);
            try {
                this.releaseWide.await(20, TimeUnit.SECONDS);
            }
            finally {
                this.wideRunning.decrementAndGet();
            }
        }

        @MessageListener(types = { ORDERED, ORDERED_NEXT_TO_BATCHES, PROBE })
        void ordered(String body, @Header(CupnetHeaders.TYPE) int type) {
            received(type).add(Integer.valueOf(body));
        }

        @MessageListener(types = BATCH, batch = true, batchSize = "5", batchTimeout = "100ms")
        void batch(List<String> bodies) {
            this.batches.add(bodies.stream().map(Integer::valueOf).toList());
        }

        @MessageListener(types = HELD, concurrency = "2")
        void held(String body) throws InterruptedException {
            if (body.equals("held")) {
                this.heldEntered.countDown();
                this.releaseHeld.await(20, TimeUnit.SECONDS);
            }
            else if (this.flakyCalls.incrementAndGet() == 1) {
                throw new IllegalStateException("failing on purpose, first call");
            }
        }

        List<Integer> received(int type) {
            return this.received.computeIfAbsent(type, (key) -> new CopyOnWriteArrayList<>());
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ServerNode {

        @Bean
        Listeners listeners() {
            return new Listeners();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ClientNode {

    }

}
