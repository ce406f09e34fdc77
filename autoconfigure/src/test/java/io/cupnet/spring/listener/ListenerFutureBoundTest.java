package io.cupnet.spring.listener;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.cupnet.DeliveryResult;
import io.cupnet.PeerAddress;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.core.CupnetTemplate;
import io.cupnet.spring.support.SpringNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler thread waits for a need-ack message's returned future no longer than the node's ack
 * timeout: a future that never completes does not stall the messages behind it.
 */
class ListenerFutureBoundTest {

    private final List<ConfigurableApplicationContext> nodes = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeNodes() {
        this.nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void whenAFutureNeverCompletesThenTheNextMessageIsStillHandledAndAcked() {
        ConfigurableApplicationContext server = node(ServerNode.class, "cupnet.ack.timeout=1s");
        CupnetTemplate client = node(ClientNode.class, "cupnet.ack.timeout=30s").getBean(CupnetTemplate.class);
        PeerAddress serverAddress = server.getBean(CupnetTemplate.class).localAddress();

        client.sendAndAwaitAck(serverAddress, 30, "never");
        DeliveryResult next = client.sendAndAwaitAck(serverAddress, 31, "next").orTimeout(25, TimeUnit.SECONDS).join();

        assertThat(next.status()).isEqualTo(DeliveryResult.Status.ACKED);
        assertThat(server.getBean(Listeners.class).handled).contains("next");
    }

    private ConfigurableApplicationContext node(Class<?> configuration, String ackTimeout) {
        ConfigurableApplicationContext node = SpringNodes.start(configuration, "cupnet.ack.retry-interval=200ms",
                ackTimeout, "cupnet.shutdown-timeout=2s");
        this.nodes.add(node);
        return node;
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

    static class Listeners {

        final List<String> handled = new CopyOnWriteArrayList<>();

        @MessageListener(types = 30)
        CompletableFuture<String> never(String body) {
            return new CompletableFuture<>();
        }

        @MessageListener(types = 31)
        void next(String body) {
            this.handled.add(body);
        }

    }

}
