package io.cupnet.spring.annotation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;

import io.cupnet.spring.listener.ListenerConfigurationException;
import io.cupnet.spring.listener.ListenerEndpoint;
import io.cupnet.spring.listener.MessageListenerRegistry;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds {@link MessageListener} methods on every bean as it is created and adds one
 * {@link ListenerEndpoint} per method to the {@link MessageListenerRegistry}, with the
 * annotation's placeholders resolved; a {@link MessageListenerRegistrar} registers them
 * once every singleton exists.
 */
public class MessageListenerBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

    private final MessageListenerRegistry registry;

    private ConfigurableBeanFactory beanFactory;

    public MessageListenerBeanPostProcessor(MessageListenerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (beanFactory instanceof ConfigurableBeanFactory configurable) ? configurable : null;
    }

    /** Whether a class declares at least one {@link MessageListener} method. */
    public static boolean hasListenerMethods(Class<?> type) {
        return !listenerMethods(type).isEmpty();
    }

    private static Map<Method, MessageListener> listenerMethods(Class<?> type) {
        return MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<MessageListener>) (
                method) -> AnnotatedElementUtils.findMergedAnnotation(method, MessageListener.class));
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        listenerMethods(AopUtils.getTargetClass(bean))
            .forEach((method, annotation) -> add(bean, beanName, method, annotation));
        return bean;
    }

    private void add(Object bean, String beanName, Method method, MessageListener annotation) {
        Method invocable = selectInvocableMethod(bean, beanName, method);
        Attributes attributes = new Attributes(beanName, method);
        int concurrency = attributes.integer("concurrency", annotation.concurrency(), 0);
        int batchSize = attributes.integer("batchSize", annotation.batchSize(), 10);
        Duration batchTimeout = attributes.duration("batchTimeout", annotation.batchTimeout());
        this.registry.add(new ListenerEndpoint(bean, invocable, annotation.types(), annotation.unclaimed(),
                annotation.replyType(), concurrency, annotation.batch(), batchSize, batchTimeout), beanName);
    }

    private static Method selectInvocableMethod(Object bean, String beanName, Method method) {
        try {
            return AopUtils.selectInvocableMethod(method, bean.getClass());
        }
        catch (IllegalStateException ex) {
            throw new IllegalStateException("@MessageListener method " + method + " of bean '" + beanName
                    + "' cannot be called on its proxy; pull the method up to an interface or proxy the target class"
                    + " (proxyTargetClass = true)", ex);
        }
    }

    /** Reads the {@code String} attributes of one annotation, resolving placeholders. */
    private final class Attributes {

        private final String listener;

        Attributes(String beanName, Method method) {
            this.listener = beanName + "." + method.getName();
        }

        int integer(String name, String value, int whenEmpty) {
            String resolved = resolve(value);
            if (resolved.isEmpty()) {
                return whenEmpty;
            }
            try {
                return Integer.parseInt(resolved);
            }
            catch (NumberFormatException ex) {
                throw invalid(name, value, resolved, "a whole number such as \"4\"");
            }
        }

        Duration duration(String name, String value) {
            String resolved = resolve(value);
            try {
                return DurationStyle.detectAndParse(resolved);
            }
            catch (IllegalArgumentException ex) {
                throw invalid(name, value, resolved, "a duration such as \"100ms\" or \"1s\"");
            }
        }

        private String resolve(String value) {
            ConfigurableBeanFactory factory = MessageListenerBeanPostProcessor.this.beanFactory;
            String resolved = (factory != null) ? factory.resolveEmbeddedValue(value) : value;
            return (resolved != null) ? resolved.trim() : "";
        }

        private ListenerConfigurationException invalid(String name, String value, String resolved, String expected) {
            String shown = value.equals(resolved) ? "'" + value + "'" : "'" + value + "' (resolved to '" + resolved + "')";
            return new ListenerConfigurationException(this.listener, "@MessageListener on " + this.listener + " has "
                    + name + " " + shown, "Set " + name + " to " + expected + ", or a placeholder that resolves to one.");
        }

    }

}
