package io.cupnet.spring.autoconfigure;

import java.util.List;

import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.listener.ListenerConfigurationException;
import io.cupnet.spring.listener.ListenerEndpoint;
import io.cupnet.spring.listener.MessageListenerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Listener endpoints are collected as beans are created and registered once every singleton
 * exists, with lazy initialization too; attributes resolve placeholders.
 */
class ListenerRegistrationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CupnetAutoConfiguration.class))
        .withPropertyValues("cupnet.server.port=0");

    @Test
    void whenLazyInitializationIsOnThenListenerBeansAreStillCreatedAndRegistered() {
        this.runner.withInitializer((context) -> context
            .addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
            .withUserConfiguration(ListenerConfiguration.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                MessageListenerRegistry registry = context.getBean(MessageListenerRegistry.class);
                assertThat(registry.isFrozen()).isTrue();
                assertThat(registry.getEndpoints()).extracting(ListenerEndpoint::describe)
                    .containsExactly("Orders.order(String)");
                assertThat(registry.endpointFor(7)).isNotNull();
            });
    }

    @Test
    void whenAListenerBeanIsCreatedAfterStartupThenItIsRefusedNamingTheBean() {
        this.runner.withUserConfiguration(LazyListenerConfiguration.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThatExceptionOfType(Exception.class).isThrownBy(() -> context.getBean("lateOrders"))
                .havingRootCause()
                .isInstanceOf(ListenerConfigurationException.class)
                .withMessageContaining("appeared after the listeners were registered")
                .withMessageContaining("Make 'lateOrders' a singleton that is created at start-up");
        });
    }

    @Test
    void whenAttributesHavePlaceholdersThenTheyAreResolved() {
        this.runner.withPropertyValues("orders.batch-size=25", "orders.batch-timeout=2s", "orders.concurrency=3")
            .withUserConfiguration(PlaceholderListeners.class)
            .run((context) -> {
                List<ListenerEndpoint> endpoints = context.getBean(MessageListenerRegistry.class).getEndpoints();
                ListenerEndpoint batch = endpoints.stream().filter(ListenerEndpoint::isBatch).findFirst().orElseThrow();
                assertThat(batch.getBatchSize()).isEqualTo(25);
                assertThat(batch.getBatchTimeout()).hasSeconds(2);
                ListenerEndpoint limited = endpoints.stream().filter((e) -> !e.isBatch()).findFirst().orElseThrow();
                assertThat(limited.getConcurrency()).isEqualTo(3);
            });
    }

    @Test
    void whenAListBodyIsNotDeclaredBatchThenItIsOneMessagesJsonArray() {
        this.runner.withUserConfiguration(ListBodyListener.class).run((context) -> {
            assertThat(context).hasNotFailed();
            ListenerEndpoint endpoint = context.getBean(MessageListenerRegistry.class).endpointFor(7);
            assertThat(endpoint.isBatch()).isFalse();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class ListenerConfiguration {

        @Bean
        Orders orders() {
            return new Orders();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class LazyListenerConfiguration {

        @Bean
        @Lazy
        Orders lateOrders() {
            return new Orders();
        }

    }

    static class Orders {

        @MessageListener(types = 7)
        void order(String body) {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class PlaceholderListeners {

        @MessageListener(types = 7, batch = true, batchSize = "${orders.batch-size}",
                batchTimeout = "${orders.batch-timeout}")
        void batch(List<String> bodies) {
        }

        @MessageListener(types = 8, concurrency = "${orders.concurrency}")
        void limited(String body) {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ListBodyListener {

        @MessageListener(types = 7)
        void order(List<String> lines) {
        }

    }

}
