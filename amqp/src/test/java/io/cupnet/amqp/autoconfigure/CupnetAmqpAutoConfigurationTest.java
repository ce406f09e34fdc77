package io.cupnet.amqp.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.cupnet.DeliveryResult;
import io.cupnet.DeliveryResult.Status;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.amqp.AmqpMessageSender;
import io.cupnet.amqp.AmqpTarget;
import io.cupnet.amqp.AmqpTransport;
import io.cupnet.amqp.support.BrokerExtension;
import io.cupnet.amqp.support.BrokerNodes;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.autoconfigure.CupnetAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(BrokerExtension.class)
class CupnetAmqpAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CupnetAutoConfiguration.class, RabbitAutoConfiguration.class,
                CupnetAmqpAutoConfiguration.class))
        .withUserConfiguration(Listeners.class)
        .withPropertyValues("cupnet.server.host=127.0.0.1", "cupnet.server.port=0", "cupnet.shutdown-timeout=5s",
                "spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=" + BrokerExtension.broker().amqpPort());

    @Test
    void withoutTheEnabledPropertyThereIsNoBrokerTransport() {
        this.runner.run((context) -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(AmqpTransport.class)
            .doesNotHaveBean(AmqpMessageSender.class));
    }

    @Test
    void aMessageListenerMethodHandlesMessagesOfTheServedTopicAndTheSenderGetsTheAck() {
        String topic = BrokerNodes.uniqueTopic("listeners");
        this.runner.withPropertyValues("cupnet.amqp.enabled=true", "cupnet.amqp.topic=" + topic,
                "cupnet.amqp.server=node-1", "cupnet.amqp.prefetch=10").run((context) -> {
                    assertThat(context).hasNotFailed();
                    AmqpMessageSender sender = context.getBean(AmqpMessageSender.class);

                    DeliveryResult result = sender.send(AmqpTarget.server(topic, "node-1"), 12, "hello".getBytes(),
                            true).get(30, TimeUnit.SECONDS);

                    assertThat(result.status()).isEqualTo(Status.ACKED);
                    Listeners listeners = context.getBean(Listeners.class);
                    assertThat(listeners.received).containsExactly(new Received("hello", result.uniqId()));
                    assertThat(context.getBean(AmqpTransport.class).settings().prefetch()).isEqualTo(10);
                });
    }

    @Test
    void anInvalidTopicFailsStartUpNamingTheRule() {
        this.runner.withPropertyValues("cupnet.amqp.enabled=true", "cupnet.amqp.topic=has.dots")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("'has.dots'")
                .hasMessageContaining("letters, digits"));
    }

    @Test
    void theSendTimeoutPropertySetsHowLongASendWaitsForTheBroker() {
        this.runner.withPropertyValues("cupnet.amqp.enabled=true", "cupnet.amqp.send-timeout=2m")
            .run((context) -> assertThat(context.getBean(AmqpTransport.class).settings().sendTimeout())
                .isEqualTo(Duration.ofMinutes(2)));
    }

    @Test
    void aZeroSendTimeoutFailsStartUpNamingTheOption() {
        this.runner.withPropertyValues("cupnet.amqp.enabled=true", "cupnet.amqp.send-timeout=0s")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("amqp.sendTimeout")
                .hasMessageContaining("PT0S"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        final List<Received> received = new CopyOnWriteArrayList<>();

        @MessageListener(types = 12)
        void onGreeting(String body, UniqId uniqId, PeerAddress from) {
            this.received.add(new Received(body, uniqId));
        }

    }

    record Received(String body, UniqId uniqId) {
    }

}
