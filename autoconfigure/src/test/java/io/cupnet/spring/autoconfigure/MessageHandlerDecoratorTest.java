package io.cupnet.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;
import io.cupnet.DeliveryResult.Status;
import io.cupnet.MessageCenter;
import io.cupnet.MessageHandler;
import io.cupnet.PeerAddress;
import io.cupnet.options.CupnetOptions;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.core.CupnetServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

class MessageHandlerDecoratorTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CupnetAutoConfiguration.class))
        .withUserConfiguration(Decorated.class)
        .withPropertyValues("cupnet.server.host=127.0.0.1", "cupnet.server.port=0", "cupnet.shutdown-timeout=5s");

    private final MessageCenter peer = new MessageCenter(CupnetOptions.builder()
        .server((s) -> s.host("127.0.0.1").port(0))
        .ack((a) -> a.retryInterval(Duration.ofMillis(200)).timeout(Duration.ofSeconds(30)))
        .build(), (message, ack) -> { });

    @AfterEach
    void closePeer() {
        this.peer.close();
    }

    @Test
    void decoratorBeansWrapTheHandlerOfTcpFramesInTheirOrderAlsoAfterARestart() {
        this.peer.start();
        this.runner.run((context) -> {
            Decorated decorated = context.getBean(Decorated.class);

            assertThat(send(context, "first").status()).isEqualTo(Status.ACKED);
            assertThat(decorated.calls).containsExactly("outer first", "inner first", "listener first");

            context.stop();
            context.start();
            assertThat(send(context, "again").status()).isEqualTo(Status.ACKED);
            assertThat(decorated.calls).endsWith("outer again", "inner again", "listener again");
        });
    }

    private DeliveryResult send(ApplicationContext node, String body) throws Exception {
        int port = node.getBean(CupnetServer.class).requireMessageCenter().port();
        return this.peer.send(CupMessage.builder().to(PeerAddress.of("127.0.0.1", port)).type(12).needAck()
            .body(body).build()).get(30, TimeUnit.SECONDS);
    }

    @Configuration(proxyBeanMethods = false)
    static class Decorated {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @Bean
        @Order(1)
        MessageHandlerDecorator outer() {
            return (handler) -> recording("outer", handler);
        }

        @Bean
        @Order(2)
        MessageHandlerDecorator inner() {
            return (handler) -> recording("inner", handler);
        }

        @MessageListener(types = 12)
        void onMessage(String body) {
            this.calls.add("listener " + body);
        }

        private MessageHandler recording(String name, MessageHandler handler) {
            return new MessageHandler() {

                @Override
                public void onMessage(CupMessage message, Acknowledgment acknowledgment) throws Exception {
                    Decorated.this.calls.add(name + " " + message.bodyAsString());
                    handler.onMessage(message, acknowledgment);
                }

                @Override
                public boolean handles(CupMessage message) {
                    return handler.handles(message);
                }

                @Override
                public String metricsName() {
                    return handler.metricsName();
                }

            };
        }

    }

}
