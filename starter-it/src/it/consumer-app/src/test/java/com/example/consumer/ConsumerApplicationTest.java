package com.example.consumer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;
import io.cupnet.MessageCenter;
import io.cupnet.options.CupnetOptions;
import io.cupnet.spring.core.CupnetTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The application starts with the starter alone, receives a message through its listener,
 * sends one through the template, and reports cupnet in its health.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "cupnet.server.port=0")
class ConsumerApplicationTest {

    @Autowired
    CupnetTemplate template;

    @Autowired
    Greetings greetings;

    @Value("${local.server.port}")
    int httpPort;

    @Test
    void messagesTravelBothWaysAndHealthShowsCupnet() throws Exception {
        // A node refuses to send to itself: a plain core node is the application's peer.
        BlockingQueue<CupMessage> atPeer = new LinkedBlockingQueue<>();
        CupnetOptions options = CupnetOptions.builder().server((server) -> server.host("127.0.0.1").port(0)).build();
        try (MessageCenter peer = new MessageCenter(options, (message, ack) -> atPeer.add(message))) {
            peer.start();

            CupMessage greeting = CupMessage.builder()
                    .to(this.template.localAddress())
                    .type(Greetings.GREETING)
                    .body("hello, app")
                    .needAck()
                    .build();
            DeliveryResult toApp = peer.send(greeting).get(10, TimeUnit.SECONDS);
            assertThat(toApp.status()).isEqualTo(DeliveryResult.Status.ACKED);
            assertThat(this.greetings.received().poll(10, TimeUnit.SECONDS)).isEqualTo("hello, app");

            DeliveryResult toPeer = this.template.sendAndAwaitAck(peer.localAddress(), 9, "hello, peer")
                    .get(10, TimeUnit.SECONDS);
            assertThat(toPeer.status()).isEqualTo(DeliveryResult.Status.ACKED);
            CupMessage reply = atPeer.poll(10, TimeUnit.SECONDS);
            assertThat(reply).isNotNull();
            assertThat(reply.bodyAsString()).isEqualTo("hello, peer");
        }

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"cupnet\"");
    }

    @Test
    void theStarterBringsNoEpollSoCupnetRunsOnNio() {
        // Epoll is the application's choice (netty-transport-native-epoll); the starter brings neither it nor
        // netty-all (whose HTTP codec nothing else in this application brings).
        assertThatThrownBy(() -> Class.forName("io.netty.channel.epoll.Epoll"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.netty.handler.codec.http.HttpObjectDecoder"))
                .isInstanceOf(ClassNotFoundException.class);
    }

}
