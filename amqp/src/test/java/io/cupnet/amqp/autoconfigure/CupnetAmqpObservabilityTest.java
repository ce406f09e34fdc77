package io.cupnet.amqp.autoconfigure;

import io.cupnet.amqp.AmqpMetrics;
import io.cupnet.amqp.AmqpTransport;
import io.cupnet.amqp.support.BrokerExtension;
import io.cupnet.amqp.support.BrokerNodes;
import io.cupnet.amqp.support.RecordingHandler;
import io.cupnet.spring.autoconfigure.CupnetAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker transport's health indicator and meters, as the auto-configuration registers them. */
@ExtendWith(BrokerExtension.class)
class CupnetAmqpObservabilityTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CupnetAutoConfiguration.class, RabbitAutoConfiguration.class,
                CupnetAmqpAutoConfiguration.class))
        .withPropertyValues("cupnet.server.host=127.0.0.1", "cupnet.server.port=0", "cupnet.shutdown-timeout=5s",
                "spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=" + BrokerExtension.broker().amqpPort(),
                "cupnet.amqp.enabled=true", "cupnet.amqp.server=node-1");

    @Test
    void whileTheTransportRunsTheIndicatorIsUpWithTheConnectionTheTopicAndItsConsumers() {
        String topic = BrokerNodes.uniqueTopic("health");
        this.runner.withPropertyValues("cupnet.amqp.topic=" + topic, "cupnet.amqp.concurrency=2").run((context) -> {
            CupnetAmqpHealthIndicator indicator = context.getBean("cupnetAmqpHealthIndicator",
                    CupnetAmqpHealthIndicator.class);

            await().untilAsserted(() -> assertThat(indicator.health().getDetails()).containsEntry("consumers", 2));
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("connection", "open")
                .containsEntry("broker", "127.0.0.1:" + BrokerExtension.broker().amqpPort())
                .containsEntry("topic", topic)
                .containsEntry("server", "node-1")
                .containsEntry("concurrency", 2)
                .containsEntry("pendingAcks", 0);
        });
    }

    @Test
    void afterTheTransportStoppedTheIndicatorIsOutOfService() {
        this.runner.run((context) -> {
            context.getBean(AmqpTransport.class).stop();

            assertThat(context.getBean(CupnetAmqpHealthIndicator.class).health().getStatus())
                .isEqualTo(Status.OUT_OF_SERVICE);
        });
    }

    @Test
    void whenTheBrokerConnectionIsLostTheIndicatorIsDown() {
        try (BrokerNodes nodes = new BrokerNodes()) {
            CachingConnectionFactory connection = BrokerNodes.connectionFactory();
            AmqpTransport node = nodes.start(connection, RecordingHandler.succeeding(),
                    (s) -> s.topic(BrokerNodes.uniqueTopic("lost")));
            CupnetAmqpHealthIndicator indicator = new CupnetAmqpHealthIndicator(node);
            await().until(() -> indicator.health().getStatus().equals(Status.UP));

            connection.destroy();

            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("connection", "closed")
                .containsEntry("error", "the connection to the broker is lost");
        }
    }

    @Test
    void theIndicatorCanBeSwitchedOff() {
        this.runner.withPropertyValues("management.health.cupnet-amqp.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CupnetAmqpHealthIndicator.class));
    }

    @Test
    void withAMeterRegistryTheBrokerMetersAreBound() {
        this.runner.withUserConfiguration(Registry.class).run((context) -> {
            assertThat(context).hasSingleBean(AmqpMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(AmqpMetrics.class).bindTo(registry);

            assertThat(registry.get("cupnet.amqp.connection.open").gauge().value()).isEqualTo(1);
            assertThat(registry.get("cupnet.ack.pending").tags("transport", "amqp").gauge().value()).isZero();
        });
    }

    @Test
    void withoutAMeterRegistryThereAreNoBrokerMeters() {
        this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AmqpMetrics.class));
    }

    @Test
    void withoutMicrometerTheBrokerTransportStillStarts() {
        this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(AmqpTransport.class)
                .doesNotHaveBean(AmqpMetrics.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

    }

}
