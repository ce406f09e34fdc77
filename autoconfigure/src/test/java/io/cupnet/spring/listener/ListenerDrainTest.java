package io.cupnet.spring.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cupnet.DeliveryResult;
import io.cupnet.MessageCenter;
import io.cupnet.PeerAddress;
import io.cupnet.metrics.CupnetStats.Received;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.core.CupnetServer;
import io.cupnet.spring.core.CupnetTemplate;
import io.cupnet.spring.support.SpringNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node that stops drains the messages its handler threads handed on to a listener's own
 * threads: they are handled and acked before the connections close.
 */
class ListenerDrainTest {

    private ConfigurableApplicationContext client;

    private ConfigurableApplicationContext server;

    private Listener listener;

    @AfterEach
    void stopNodes() {
        if (this.listener != null) {
            this.listener.release.countDown();
        }
        this.client.close();
        this.server.close();
    }

    @Test
    void stoppingANodeHandlesAndAcksTheMessagesQueuedForAListenersOwnThreads() throws Exception {
        this.server = node(ServerNode.class);
        this.client = node(ClientNode.class);
        this.listener = this.server.getBean(Listener.class);
        PeerAddress serverAddress = this.server.getBean(CupnetTemplate.class).localAddress();
        CupnetTemplate template = this.client.getBean(CupnetTemplate.class);
        List<CompletableFuture<DeliveryResult>> sends = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sends.add(template.sendAndAwaitAck(serverAddress, 7, "job-" + i));
        }
        MessageCenter center = this.server.getBean(CupnetServer.class).getMessageCenter();
        assertThat(this.listener.entered.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(10, TimeUnit.SECONDS)
            .until(() -> center.stats().receivedByType().total(Received.ACCEPTED.ordinal()) == 3);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(this.server::close);
        await().atMost(10, TimeUnit.SECONDS).until(() -> center.state() != MessageCenter.State.RUNNING);
        this.listener.release.countDown();

        closing.get(15, TimeUnit.SECONDS);
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        assertThat(sends).allSatisfy((send) -> assertThat(send.join().status()).isEqualTo(DeliveryResult.Status.ACKED));
        assertThat(this.listener.handled.get()).isEqualTo(3);
    }

    private static ConfigurableApplicationContext node(Class<?> configuration) {
        return SpringNodes.start(configuration, "cupnet.shutdown-timeout=10s");
    }

    /** One call at a time on its own thread; the first waits to be released. */
    static class Listener {

        final CountDownLatch entered = new CountDownLatch(1);

        final CountDownLatch release = new CountDownLatch(1);

        final AtomicInteger handled = new AtomicInteger();

        @MessageListener(types = 7, concurrency = "1")
        void job(String body) throws InterruptedException {
            this.entered.countDown();
            this.release.await(20, TimeUnit.SECONDS);
            this.handled.incrementAndGet();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ServerNode {

        @Bean
        Listener listener() {
            return new Listener();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ClientNode {

    }

}
