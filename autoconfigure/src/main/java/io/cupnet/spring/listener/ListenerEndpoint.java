package io.cupnet.spring.listener;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;

import io.cupnet.CupMessage;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolverComposite;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.util.ClassUtils;

/**
 * One {@code @MessageListener} method: the types it claims, how it is called, and its
 * concurrency and batch settings.
 */
public final class ListenerEndpoint {

    private final Object bean;

    private final Method method;

    private final int[] types;

    private final boolean unclaimed;

    private final int replyType;

    private final int concurrency;

    private final int batchSize;

    private final Duration batchTimeout;

    private final boolean batch;

    private final Semaphore permits;

    private InvocableHandlerMethod invocable;

    private String description;

    /** Describes a listener method; {@code replyType} -1 means the request type + 1, {@code concurrency} 0 no limit. */
    public ListenerEndpoint(Object bean, Method method, int[] types, boolean unclaimed, int replyType,
            int concurrency, int batchSize, Duration batchTimeout) {
        this.bean = bean;
        this.method = method;
        this.types = types.clone();
        this.unclaimed = unclaimed;
        this.replyType = replyType;
        this.concurrency = concurrency;
        this.batchSize = batchSize;
        this.batchTimeout = batchTimeout;
        this.batch = hasListParameter(method);
        this.permits = (concurrency > 0) ? new Semaphore(concurrency) : null;
        validate();
    }

    private void validate() {
        if (this.types.length == 0 && !this.unclaimed) {
            throw new IllegalStateException("@MessageListener on " + describe()
                    + " names no types; set types = {...} or unclaimed = true");
        }
        if (this.concurrency < 0) {
            throw new IllegalStateException("@MessageListener on " + describe() + " has concurrency "
                    + this.concurrency + "; it must be 0 (no limit) or more");
        }
        if (this.batch && this.method.getReturnType() != void.class) {
            throw new IllegalStateException("Batch @MessageListener " + describe() + " returns "
                    + this.method.getReturnType().getSimpleName() + "; a batch listener cannot reply, make it void");
        }
        if (this.batch && (this.batchSize < 1 || this.batchTimeout.isNegative() || this.batchTimeout.isZero())) {
            throw new IllegalStateException("Batch @MessageListener " + describe() + " has batchSize "
                    + this.batchSize + " and batchTimeout " + this.batchTimeout + "; both must be positive");
        }
    }

    private static boolean hasListParameter(Method method) {
        return Arrays.stream(method.getParameterTypes()).anyMatch(Collection.class::isAssignableFrom);
    }

    void prepare(HandlerMethodArgumentResolverComposite resolvers) {
        InvocableHandlerMethod handlerMethod = new InvocableHandlerMethod(this.bean, this.method);
        handlerMethod.setMessageMethodArgumentResolvers(resolvers);
        for (MethodParameter parameter : handlerMethod.getMethodParameters()) {
            if (!resolvers.supportsParameter(parameter)) {
                throw new IllegalStateException("Parameter " + parameter.getParameterIndex() + " of " + describe()
                        + " has a type no resolver supports");
            }
        }
        this.invocable = handlerMethod;
    }

    Object invoke(Message<?> message) throws Exception {
        if (this.permits == null) {
            return this.invocable.invoke(message);
        }
        this.permits.acquire();
        try {
            return this.invocable.invoke(message);
        }
        finally {
            this.permits.release();
        }
    }

    /** The type a reply to {@code request} travels with. */
    int replyTypeFor(CupMessage request) {
        return (this.replyType >= 0) ? this.replyType : request.type() + 1;
    }

    /** {@code ClassName.method(ParamTypes)}, to name the listener in messages and metrics. */
    public String describe() {
        if (this.description == null) {
            this.description = ClassUtils.getUserClass(this.bean).getSimpleName() + "." + this.method.getName() + "("
                    + String.join(", ",
                            Arrays.stream(this.method.getParameterTypes()).map(Class::getSimpleName).toList())
                    + ")";
        }
        return this.description;
    }

    public int[] getTypes() {
        return this.types.clone();
    }

    public boolean isUnclaimed() {
        return this.unclaimed;
    }

    public boolean isBatch() {
        return this.batch;
    }

    /** Whether its handler thread waits for it beyond the call: a batch listener, or one that returns a future. */
    public boolean waitsBeyondTheCall() {
        return this.batch || CompletionStage.class.isAssignableFrom(this.method.getReturnType());
    }

    public int getConcurrency() {
        return this.concurrency;
    }

    public int getBatchSize() {
        return this.batchSize;
    }

    public Duration getBatchTimeout() {
        return this.batchTimeout;
    }

    @Override
    public String toString() {
        return describe();
    }

}
