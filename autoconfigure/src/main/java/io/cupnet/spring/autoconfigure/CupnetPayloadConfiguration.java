package io.cupnet.spring.autoconfigure;

import io.cupnet.spring.core.JacksonPayloadConverter;
import io.cupnet.spring.core.PayloadConverter;
import io.cupnet.spring.core.SimplePayloadConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link PayloadConverter}: JSON with the context's {@link JsonMapper} when Jackson is
 * present, bytes and text only otherwise.
 */
@Configuration(proxyBeanMethods = false)
@Import({ CupnetPayloadConfiguration.Jackson.class, CupnetPayloadConfiguration.Simple.class })
class CupnetPayloadConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class Jackson {

        @Bean
        @ConditionalOnMissingBean
        PayloadConverter cupnetPayloadConverter(ObjectProvider<JsonMapper> mapper) {
            return new JacksonPayloadConverter(mapper.getIfAvailable(() -> JsonMapper.builder().build()));
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("tools.jackson.databind.json.JsonMapper")
    static class Simple {

        @Bean
        @ConditionalOnMissingBean
        PayloadConverter cupnetPayloadConverter() {
            return new SimplePayloadConverter();
        }

    }

}
