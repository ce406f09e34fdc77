package io.cupnet.spring.annotation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;

import io.cupnet.spring.listener.ListenerEndpoint;
import io.cupnet.spring.listener.MessageListenerRegistry;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds {@link MessageListener} methods on every bean and registers one
 * {@link ListenerEndpoint} per method in the {@link MessageListenerRegistry}.
 */
public class MessageListenerBeanPostProcessor implements BeanPostProcessor {

    private final MessageListenerRegistry registry;

    public MessageListenerBeanPostProcessor(MessageListenerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        Map<Method, MessageListener> methods = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<MessageListener>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, MessageListener.class));
        methods.forEach((method, annotation) -> register(bean, beanName, method, annotation));
        return bean;
    }

    private void register(Object bean, String beanName, Method method, MessageListener annotation) {
        Method invocable = selectInvocableMethod(bean, beanName, method);
        Duration batchTimeout;
        try {
            batchTimeout = DurationStyle.detectAndParse(annotation.batchTimeout());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("@MessageListener on " + beanName + "." + method.getName()
                    + " has batchTimeout '" + annotation.batchTimeout() + "'; use a duration such as \"100ms\"", ex);
        }
        this.registry.register(new ListenerEndpoint(bean, invocable, annotation.types(), annotation.unclaimed(),
                annotation.replyType(), annotation.concurrency(), annotation.batchSize(), batchTimeout));
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

}
