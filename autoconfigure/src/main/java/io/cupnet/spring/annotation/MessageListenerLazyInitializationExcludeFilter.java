package io.cupnet.spring.annotation;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;

/**
 * Keeps beans with {@link MessageListener} methods out of lazy initialization, as Spring
 * Boot does for its own annotated beans (such as {@code @Scheduled} ones): a listener bean
 * that nobody injects would otherwise never be created, and its messages never handled.
 */
public class MessageListenerLazyInitializationExcludeFilter implements LazyInitializationExcludeFilter {

    @Override
    public boolean isExcluded(String beanName, BeanDefinition beanDefinition, Class<?> beanType) {
        return beanType != null && MessageListenerBeanPostProcessor.hasListenerMethods(beanType);
    }

}
