package io.cupnet.spring.autoconfigure;

import io.cupnet.spring.core.CupnetServer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The health indicator and the Micrometer meters of the cupnet node, each when its library
 * is on the classpath.
 */
@Configuration(proxyBeanMethods = false)
@Import({ CupnetObservabilityConfiguration.Health.class, CupnetObservabilityConfiguration.Metrics.class })
class CupnetObservabilityConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "cupnetHealthIndicator")
        CupnetHealthIndicator cupnetHealthIndicator(CupnetServer server) {
            return new CupnetHealthIndicator(server);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        CupnetMeterBinder cupnetMeterBinder(CupnetServer server) {
            return new CupnetMeterBinder(server);
        }

    }

}
