package io.cupnet.spring.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryException;
import io.cupnet.DeliveryResult;
import io.cupnet.MessageCenter;
import io.cupnet.PeerAddress;
import io.cupnet.metrics.CupnetStats.Received;
import io.cupnet.options.CupnetOptions;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.core.CupnetServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A node started with {@code spring.main.lazy-initialization=true} handles its listeners'
 * types, and never acks a need-ack frame that no listener takes: its sender times out.
 */
class UnroutableMessageTest {

    private static ConfigurableApplicationContext node;

    private static MessageCenter sender;

    private static PeerAddress nodeAddress;

    @BeforeAll
    static void start() {
        node = new SpringApplicationBuilder(LazyNode.class).web(WebApplicationType.NONE)
            .properties("cupnet.server.host=127.0.0.1", "cupnet.server.port=0", "spring.main.banner-mode=off",
                    "spring.main.lazy-initialization=true")
            .run();
        nodeAddress = center().localAddress();
        sender = new MessageCenter(CupnetOptions.builder()
            .server((s) -> s.host("127.0.0.1").port(0))
            .ack((a) -> a.retryInterval(Duration.ofMillis(100)).timeout(Duration.ofSeconds(1)))
            .build(), (message, acknowledgment) -> {
            });
        sender.start();
    }

    @AfterAll
    static void stop() {
        sender.close();
        node.close();
    }

    @Test
    void whenLazyInitializationIsOnThenAListenerStillReceivesAndAcks() throws Exception {
        DeliveryResult result = sender.send(needAck(7, "order")).get(10, TimeUnit.SECONDS);

        assertThat(result.uniqId()).isNotNull();
        assertThat(node.getBean(Orders.class).bodies).contains("order");
    }

    @Test
    void whenNoListenerTakesANeedAckFrameThenItsSenderTimesOutAndTheNodeCountsItUnroutable() {
        CompletableFuture<DeliveryResult> delivery = sender.send(needAck(8, "nobody"));

        assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> delivery.get(10, TimeUnit.SECONDS))
            .havingCause()
            .isInstanceOfSatisfying(DeliveryException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(DeliveryException.Reason.ACK_TIMEOUT));
        await().atMost(Duration.ofSeconds(10)).until(() -> received(Received.UNROUTABLE) >= 1);
        assertThat(center().stats().handlerFailures().sum()).isZero();
        assertThat(node.getBean(Orders.class).bodies).doesNotContain("nobody");
    }

    private static long received(Received result) {
        return center().stats().receivedByType().total(result.ordinal());
    }

    private static MessageCenter center() {
        return node.getBean(CupnetServer.class).getMessageCenter();
    }

    private static CupMessage needAck(int type, String body) {
        return CupMessage.builder().to(nodeAddress).type(type).body(body).needAck().build();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class LazyNode {

        @Bean
        Orders orders() {
            return new Orders();
        }

    }

    static class Orders {

        final List<String> bodies = new CopyOnWriteArrayList<>();

        @MessageListener(types = 7)
        void order(String body) {
            this.bodies.add(body);
        }

    }

}
