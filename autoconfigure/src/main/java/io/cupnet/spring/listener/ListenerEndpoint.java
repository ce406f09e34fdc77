package io.cupnet.spring.listener;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;

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

    private InvocableHandlerMethod invocable;

    private String description;

    /**
     * Describes a listener method that takes one message per call.
     * @param replyType the type of replies, -1 for the request type + 1
     * @param concurrency maximum calls at once, 0 for no limit
     * @throws ListenerConfigurationException when the settings contradict each other
     */
    public ListenerEndpoint(Object bean, Method method, int[] types, boolean unclaimed, int replyType,
            int concurrency) {
        this(bean, method, types, unclaimed, replyType, concurrency, false, 1, Duration.ofMillis(100));
    }

    /**
     * Describes a listener method.
     * @param replyType the type of replies, -1 for the request type + 1
     * @param concurrency maximum calls at once on the listener's own threads, 0 for no limit (and no own threads)
     * @param batch whether the method takes its messages in batches
     * @throws ListenerConfigurationException when the settings contradict each other
     */
    public ListenerEndpoint(Object bean, Method method, int[] types, boolean unclaimed, int replyType,
            int concurrency, boolean batch, int batchSize, Duration batchTimeout) {
        this.bean = bean;
        this.method = method;
        this.types = types.clone();
        this.unclaimed = unclaimed;
        this.replyType = replyType;
        this.concurrency = concurrency;
        this.batchSize = batchSize;
        this.batchTimeout = batchTimeout;
        this.batch = batch;
        validate();
    }

    private void validate() {
        if (this.types.length == 0 && !this.unclaimed) {
            throw fail("names no message types", "Set types = {...} or unclaimed = true");
        }
        if (this.concurrency < 0) {
            throw fail("has concurrency " + this.concurrency, "Set concurrency to 0 (no limit) or more");
        }
        if (this.batch) {
            validateBatch();
        }
    }

    private void validateBatch() {
        if (this.method.getReturnType() != void.class) {
            throw fail("is a batch listener that returns " + this.method.getReturnType().getSimpleName(),
                    "A batch listener cannot reply: make it return void, or remove batch = true and reply "
                            + "to each message");
        }
        if (this.batchSize < 1 || this.batchTimeout.isNegative() || this.batchTimeout.isZero()) {
            throw fail("has batchSize " + this.batchSize + " and batchTimeout " + this.batchTimeout,
                    "Set a batchSize of 1 or more and a positive batchTimeout such as \"100ms\"");
        }
        if (Arrays.stream(this.method.getParameterTypes()).noneMatch(List.class::isAssignableFrom)) {
            throw fail("is a batch listener without a List parameter",
                    "Take the batch as List<YourBody> or List<CupMessage>, or remove batch = true");
        }
    }

    private ListenerConfigurationException fail(String problem, String action) {
        return new ListenerConfigurationException(describe(), "@MessageListener " + describe() + " " + problem,
                action + ".");
    }

    void prepare(HandlerMethodArgumentResolverComposite resolvers) {
        InvocableHandlerMethod handlerMethod = new InvocableHandlerMethod(this.bean, this.method);
        handlerMethod.setMessageMethodArgumentResolvers(resolvers);
        ListenerParameters.validate(this, handlerMethod.getMethodParameters());
        this.invocable = handlerMethod;
    }

    Object invoke(Message<?> message) throws Exception {
        return this.invocable.invoke(message);
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

    /**
     * Whether it may hold its handler thread beyond its own work: a batch listener or one with a
     * concurrency limit (the handler thread waits while its queue is full), or one that returns a future.
     */
    public boolean couldBlock() {
        return this.batch || this.concurrency > 0 || CompletionStage.class.isAssignableFrom(this.method.getReturnType());
    }

    Method getMethod() {
        return this.method;
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
