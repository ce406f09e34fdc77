package io.cupnet.amqp.autoconfigure;

import java.util.Set;

import io.cupnet.MessageCenter;
import io.cupnet.MessageHandler;
import io.cupnet.PeerAddress;
import io.cupnet.amqp.AmqpBridge;
import io.cupnet.amqp.AmqpDestinations;
import io.cupnet.amqp.AmqpMessageSender;
import io.cupnet.amqp.AmqpMetrics;
import io.cupnet.amqp.AmqpSettings;
import io.cupnet.amqp.AmqpTarget;
import io.cupnet.amqp.AmqpTransport;
import io.cupnet.options.CupnetOptions;
import io.cupnet.spring.autoconfigure.MessageHandlerDecorator;
import io.cupnet.spring.core.CupnetServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.connection.RabbitConnectionFactoryBean;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionFactoryBeanConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the broker transport: a connection of its own to the broker of Boot's
 * {@code spring.rabbitmq.*} (with publisher confirms and returns, whatever those properties say), the
 * {@link AmqpTransport} that feeds the served topic to the node's {@link MessageHandler} (the
 * {@code @MessageListener} router), and its {@link AmqpMessageSender}; its {@link AmqpMetrics} when a
 * {@link MeterRegistry} bean exists, and its health indicator ({@code management.health.cupnet-amqp.enabled}), each
 * only when its library is on the classpath. On only with {@code cupnet.amqp.enabled=true}.
 */
@AutoConfiguration(afterName = { "io.cupnet.spring.autoconfigure.CupnetAutoConfiguration",
        "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ RabbitTemplate.class, CachingConnectionFactoryConfigurer.class })
@ConditionalOnBooleanProperty("cupnet.amqp.enabled")
@EnableConfigurationProperties(CupnetAmqpProperties.class)
public final class CupnetAmqpAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AmqpSettings cupnetAmqpSettings(CupnetAmqpProperties properties) {
        return AmqpSettings.builder()
            .prefix(properties.getPrefix())
            .topic(properties.getTopic())
            .server(properties.getServer())
            .prefetch(properties.getPrefetch())
            .concurrency(properties.getConcurrency())
            .maxAttempts(properties.getMaxAttempts())
            .retryBackoff(properties.getRetryBackoff())
            .sendTimeout(properties.getSendTimeout())
            .ackTimeout(properties.getAckTimeout())
            .dedupWindow(properties.getDedupWindow())
            .build();
    }

    @Bean
    @ConditionalOnMissingBean
    AmqpTransport cupnetAmqpTransport(AmqpSettings settings,
            ObjectProvider<RabbitConnectionFactoryBeanConfigurer> connectionConfigurer,
            ObjectProvider<CachingConnectionFactoryConfigurer> cachingConfigurer,
            ObjectProvider<MessageHandler> handler, ObjectProvider<CupnetServer> server) throws Exception {
        return new AmqpTransport(connectionFactory(connectionConfigurer, cachingConfigurer), settings,
                handler.getIfUnique(), () -> localAddress(server.getIfAvailable(), settings));
    }

    /** The CUP address of the node's TCP server once it runs, so that a reply over TCP can reach this node. */
    private static PeerAddress localAddress(CupnetServer server, AmqpSettings settings) {
        MessageCenter center = (server != null) ? server.getMessageCenter() : null;
        return (center != null) ? center.localAddress() : settings.localAddress();
    }

    @Bean
    @ConditionalOnMissingBean
    AmqpMessageSender cupnetAmqpMessageSender(AmqpTransport transport) {
        return transport.sender();
    }

    /** Lets {@code CupnetTemplate} send to {@code amqp:topic}, {@code amqp:topic/server} and {@code amqp:topic/*}. */
    @Bean
    AmqpDestinations cupnetAmqpDestinations(AmqpMessageSender sender) {
        return new AmqpDestinations(sender);
    }

    /** Forwards the CUP types of {@code bridge.types} that arrive over TCP to the bridge topic; none by default. */
    @Bean
    MessageHandlerDecorator cupnetAmqpBridge(CupnetAmqpProperties properties, AmqpTransport transport,
            CupnetOptions options) {
        CupnetAmqpProperties.Bridge bridge = properties.getBridge();
        if (bridge.getTypes().isEmpty() && bridge.getTopic() == null) {
            return (router) -> router;
        }
        if (bridge.getTypes().isEmpty()) {
            throw new IllegalStateException("cupnet.amqp.bridge.topic=" + bridge.getTopic() + " needs the CUP types "
                    + "to forward to it: set cupnet.amqp.bridge.types, such as 9,10");
        }
        if (bridge.getTopic() == null) {
            throw new IllegalStateException("cupnet.amqp.bridge.types=" + bridge.getTypes() + " needs the topic to "
                    + "forward them to: set cupnet.amqp.bridge.topic");
        }
        AmqpTarget target = AmqpTarget.topic(bridge.getTopic());
        Set<Integer> types = Set.copyOf(bridge.getTypes());
        return (router) -> new AmqpBridge(router, transport.sender(), types, target, options.ack().mode(),
                options.ack().timeout());
    }

    // Each optional library is tested in an outer class before the inner one names its condition classes.

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class HealthConfiguration {

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnEnabledHealthIndicator("cupnet-amqp")
        static class EnabledHealthConfiguration {

            @Bean
            @ConditionalOnMissingBean(name = "cupnetAmqpHealthIndicator")
            CupnetAmqpHealthIndicator cupnetAmqpHealthIndicator(AmqpTransport transport) {
                return new CupnetAmqpHealthIndicator(transport);
            }

        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AmqpMetrics cupnetAmqpMetrics(AmqpTransport transport) {
            return new AmqpMetrics(transport);
        }

    }

    /** A connection factory set up from {@code spring.rabbitmq.*} as Boot sets up its own, with confirms and returns. */
    private static CachingConnectionFactory connectionFactory(
            ObjectProvider<RabbitConnectionFactoryBeanConfigurer> connectionConfigurer,
            ObjectProvider<CachingConnectionFactoryConfigurer> cachingConfigurer) throws Exception {
        RabbitConnectionFactoryBeanConfigurer rabbit = connectionConfigurer.getIfAvailable();
        CachingConnectionFactoryConfigurer caching = cachingConfigurer.getIfAvailable();
        if (rabbit == null || caching == null) {
            throw new IllegalStateException("cupnet.amqp.enabled=true needs Boot's RabbitAutoConfiguration, which "
                    + "backs off when the application defines its own ConnectionFactory: remove that bean, or define "
                    + "an AmqpTransport bean yourself");
        }
        RabbitConnectionFactoryBean factoryBean = new RabbitConnectionFactoryBean();
        rabbit.configure(factoryBean);
        factoryBean.afterPropertiesSet();
        CachingConnectionFactory factory = new CachingConnectionFactory(factoryBean.getObject());
        caching.configure(factory);
        factory.setPublisherConfirmType(ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        return factory;
    }

}
