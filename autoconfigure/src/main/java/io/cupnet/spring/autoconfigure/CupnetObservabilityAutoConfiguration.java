package io.cupnet.spring.autoconfigure;

import java.time.Duration;

import io.cupnet.AckTracking;
import io.cupnet.Connections;
import io.cupnet.MessageCenter;
import io.cupnet.metrics.CupnetMetrics;
import io.cupnet.spring.core.CupnetServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Auto-configuration of what operators see of the cupnet node: the {@code cupnet} health
 * indicator ({@code management.health.cupnet.enabled}), the {@link CupnetMetrics} meters when a
 * {@link MeterRegistry} bean exists ({@code cupnet.metrics.*}) and the {@code cupnet} actuator
 * endpoint when it is exposed; each part only when its library is on the classpath.
 */
@AutoConfiguration(after = CupnetAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBean(CupnetServer.class)
public final class CupnetObservabilityAutoConfiguration {

    // Each optional library is tested in an outer class before the inner one names its condition classes.

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class HealthConfiguration {

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnEnabledHealthIndicator("cupnet")
        static class EnabledHealthConfiguration {

            @Bean
            @ConditionalOnMissingBean(name = "cupnetHealthIndicator")
            CupnetHealthIndicator cupnetHealthIndicator(CupnetServer server, ObjectProvider<Connections> connections,
                    ObjectProvider<AckTracking> acks) {
                return new CupnetHealthIndicator(server, connections.getIfAvailable(server::connections),
                        acks.getIfAvailable(server::acks));
            }

        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        /**
         * Lazy, so that the message center it measures is created when the registry binds
         * the meters, after every listener bean exists, rather than while beans are created.
         */
        @Bean
        @Lazy
        @ConditionalOnMissingBean
        CupnetMetrics cupnetMetrics(MessageCenter center, CupnetProperties properties) {
            CupnetProperties.Metrics metrics = validated(properties.getMetrics());
            return CupnetMetrics.builder(center)
                .perPeer(metrics.isPerPeer())
                .maxPeers(metrics.getMaxPeers())
                .peerRefreshInterval(metrics.getPeerRefreshInterval())
                .build();
        }

        private static CupnetProperties.Metrics validated(CupnetProperties.Metrics metrics) {
            if (metrics.getMaxPeers() < 1) {
                throw new InvalidCupnetPropertyException("cupnet.metrics.max-peers", metrics.getMaxPeers(),
                        "at least 1", null);
            }
            Duration interval = metrics.getPeerRefreshInterval();
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new InvalidCupnetPropertyException("cupnet.metrics.peer-refresh-interval", interval,
                        "a positive duration", null);
            }
            return metrics;
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
            "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
    static class EndpointConfiguration {

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnAvailableEndpoint(CupnetEndpoint.class)
        static class AvailableEndpointConfiguration {

            @Bean
            @ConditionalOnMissingBean
            CupnetEndpoint cupnetEndpoint(CupnetServer server, ObjectProvider<Connections> connections,
                    ObjectProvider<AckTracking> acks) {
                return new CupnetEndpoint(server, connections.getIfAvailable(server::connections),
                        acks.getIfAvailable(server::acks));
            }

        }

    }

}
