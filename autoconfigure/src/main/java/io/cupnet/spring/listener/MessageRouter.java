package io.cupnet.spring.listener;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import io.cupnet.DeferredHandling;
import io.cupnet.DeliveryResult;
import io.cupnet.MessageCenter;
import io.cupnet.MessageHandler;
import io.cupnet.PeerAddress;
import io.cupnet.spring.core.CupnetServer;
import io.cupnet.spring.core.PayloadConverter;
import io.cupnet.spring.core.PendingReplies;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.support.HeaderMethodArgumentResolver;
import org.springframework.messaging.handler.annotation.support.HeadersMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolverComposite;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The one {@link MessageHandler} of the message center: completes pending requests with
 * their replies, routes every other message by type to its {@code @MessageListener}
 * endpoint, sends return values back as replies (over the transport the request came by, see
 * {@link ReplyRoute}) and applies the {@link CupnetErrorHandler}.
 *
 * <p>A listener without a concurrency limit runs on the handler thread, in the order its
 * messages arrived. A listener with a {@code concurrency} limit runs on its own threads, as
 * many as the limit, and a batch listener on its own batch thread: the handler thread
 * {@linkplain Acknowledgment#defer() defers} their messages and moves on, so that neither
 * changes the order of other listeners' messages, and a need-ack message is acknowledged
 * only once its listener returned. A need-ack message whose listener returns a
 * {@code CompletableFuture} is acknowledged once the future completed; a failure leaves it
 * un-acked and the sender's resend is handled again. A message that no listener takes
 * (and that answers no pending request) is not taken at all: the message center counts it
 * {@code unroutable} and does not acknowledge it; this router logs it once per type.
 */
public class MessageRouter implements MessageHandler, DisposableBean {

    private static final Log logger = LogFactory.getLog(MessageRouter.class);

    /** Room for the seven headers of a listener's message without a resize. */
    private static final int HEADER_CAPACITY = 10;

    /** The {@code cupnet_transport} header of the messages that came over TCP. */
    private static final String TCP = "tcp";

    /** Most message types whose unroutable frames are logged; a peer chooses types, so the set is bounded. */
    private static final int MAX_LOGGED_TYPES = 256;

    /** The start time of an invocation nobody times. */
    private static final long NOT_TIMED = Long.MIN_VALUE;

    /** The wait bound while no center runs: core's default ack timeout. */
    private static final Duration DEFAULT_WAIT_BOUND = Duration.ofSeconds(30);

    private final MessageListenerRegistry registry;

    private final PayloadConverter converter;

    private final CupnetErrorHandler errorHandler;

    private final PendingReplies replies;

    private final CupnetServer server;

    private final ConfigurableBeanFactory beanFactory;

    /** The messages waiting for a concurrency-limited listener's threads, and the batches for a batch listener's. */
    private final int queueCapacity;

    private final Map<ListenerEndpoint, BatchCollector> batchers = new HashMap<>();

    private final Map<ListenerEndpoint, ListenerThreads> limited = new HashMap<>();

    private final Set<Integer> unroutableTypesLogged = ConcurrentHashMap.newKeySet();

    private ScheduledExecutorService batchTimer;

    private volatile boolean initialized;

    public MessageRouter(MessageListenerRegistry registry, PayloadConverter converter,
            CupnetErrorHandler errorHandler, PendingReplies replies, CupnetServer server,
            ConfigurableBeanFactory beanFactory, int queueCapacity) {
        this.registry = registry;
        this.converter = converter;
        this.errorHandler = errorHandler;
        this.replies = replies;
        this.server = server;
        this.beanFactory = beanFactory;
        this.queueCapacity = queueCapacity;
    }

    /**
     * Freezes the registry and prepares every endpoint for invocation; called once every
     * listener bean exists.
     * @throws ListenerConfigurationException when a listener cannot be used as declared
     */
    public synchronized void initialize() {
        if (this.initialized) {
            return;
        }
        this.registry.freeze();
        HandlerMethodArgumentResolverComposite resolvers = new HandlerMethodArgumentResolverComposite();
        resolvers.addResolver(new MessageFieldArgumentResolver());
        resolvers.addResolver(new PeerIdentityArgumentResolver());
        resolvers.addResolver(new HeaderMethodArgumentResolver(DefaultConversionService.getSharedInstance(),
                this.beanFactory));
        resolvers.addResolver(new HeadersMethodArgumentResolver());
        resolvers.addResolver(new BodyArgumentResolver(this.converter));
        for (ListenerEndpoint endpoint : this.registry.getEndpoints()) {
            endpoint.prepare(resolvers);
            if (endpoint.isBatch()) {
                this.batchers.put(endpoint, new BatchCollector(endpoint, batchTimer(), this.queueCapacity,
                        (batch) -> runBatch(endpoint, batch)));
            }
            else if (endpoint.getConcurrency() > 0) {
                this.limited.put(endpoint, new ListenerThreads(endpoint, this.queueCapacity));
            }
        }
        this.initialized = true;
    }

    /** Whether the message answers a pending request or a listener takes its type; logs the first of each type not. */
    @Override
    public boolean handles(CupMessage message) {
        if (this.registry.endpointFor(message.type()) != null || this.replies.isPending(message)) {
            return true;
        }
        logUnroutable(message);
        return false;
    }

    private void logUnroutable(CupMessage message) {
        if (this.unroutableTypesLogged.size() >= MAX_LOGGED_TYPES || !this.unroutableTypesLogged.add(message.type())) {
            return;
        }
        String type = Integer.toUnsignedString(message.type());
        logger.warn("No @MessageListener takes message type " + type + " (first: " + message.uniqId() + " from "
                + message.from() + (message.needsAck() ? ", need-ack" : "") + "); its messages are dropped"
                + " without an ack and counted in cupnet.messages.received{result=unroutable}. Claim the type with "
                + "@MessageListener(types = " + type + ") or unclaimed = true. Logged once per type.");
    }

    @Override
    public void onMessage(CupMessage message, Acknowledgment acknowledgment) throws Exception {
        if (this.replies.complete(message)) {
            return;
        }
        ListenerEndpoint endpoint = this.registry.endpointFor(message.type());
        if (endpoint == null) {
            // Its request timed out after handles(): give the frame up unacked, as an unroutable one.
            acknowledgment.reject();
            logger.debug("Reply " + message.uniqId() + " from " + message.from() + " came after its request timed out");
            return;
        }
        if (endpoint.isBatch()) {
            settleWhenDone(acknowledgment, this.batchers.get(endpoint).add(message, acknowledgment));
            return;
        }
        ListenerThreads threads = this.limited.get(endpoint);
        if (threads != null) {
            DeferredHandling handling = acknowledgment.defer();
            threads.execute(() -> runOnListenerThread(endpoint, message, acknowledgment, handling), waitBound());
            return;
        }
        invoke(endpoint, message, acknowledgment);
    }

    /** A batched message is settled with its batch: acked if it succeeded (or the error handler acked it). */
    private static void settleWhenDone(Acknowledgment acknowledgment, CompletableFuture<Void> batchDone) {
        DeferredHandling handling = acknowledgment.defer();
        batchDone.whenComplete((ignored, failure) -> {
            if (failure == null || acknowledgment.isAcknowledged()) {
                handling.succeeded();
            }
            else {
                handling.failed();
            }
        });
    }

    /** Calls a listener with a concurrency limit on one of its threads, then settles the message. */
    private void runOnListenerThread(ListenerEndpoint endpoint, CupMessage message, Acknowledgment acknowledgment,
            DeferredHandling handling) {
        try {
            invoke(endpoint, message, acknowledgment);
            handling.succeeded();
        }
        catch (Throwable ex) {
            boolean unacked = message.needsAck() && !acknowledgment.isAcknowledged();
            handling.failed();
            countFailure();
            logger.warn(failure(endpoint, message, ex).getMessage()
                    + (unacked ? "; not acked, the sender will resend it" : ""), ex);
        }
    }

    /** Calls the listener on the current thread and sends its reply; throws when the message was not handled. */
    private void invoke(ListenerEndpoint endpoint, CupMessage message, Acknowledgment acknowledgment)
            throws Exception {
        Object result;
        long start = startTiming();
        try {
            result = endpoint.invoke(toMessage(message, message, acknowledgment));
        }
        catch (Exception ex) {
            recordInvocation(endpoint, start, false);
            onFailure(endpoint, message, acknowledgment, ex);
            return;
        }
        if (result instanceof CompletableFuture<?> future) {
            future.whenComplete((value, failure) -> recordInvocation(endpoint, start, failure == null));
            CompletableFuture<Void> handled = future
                .thenAccept((value) -> reply(endpoint, message, acknowledgment, value));
            if (mustWait(message, acknowledgment)) {
                awaitOrFail(endpoint, message, acknowledgment, handled);
            }
            else {
                handled.whenComplete((ignored, failure) -> onAsyncFailure(endpoint, message, acknowledgment, failure));
            }
        }
        else {
            recordInvocation(endpoint, start, true);
            reply(endpoint, message, acknowledgment, result);
        }
    }

    /** Each {@code @MessageListener} method is timed under its own name, not this router. */
    @Override
    public String metricsName() {
        return null;
    }

    /** When an invocation starts, or {@link #NOT_TIMED} when no stats listener takes the timings. */
    private long startTiming() {
        MessageCenter center = this.server.getMessageCenter();
        return (center != null && center.stats().isTimed()) ? System.nanoTime() : NOT_TIMED;
    }

    private void recordInvocation(ListenerEndpoint endpoint, long startNanos, boolean success) {
        MessageCenter center = this.server.getMessageCenter();
        if (center != null && startNanos != NOT_TIMED) {
            center.stats().listenerInvoked(endpoint.describe(), success, System.nanoTime() - startNanos);
        }
    }

    private static boolean mustWait(CupMessage message, Acknowledgment acknowledgment) {
        return message.needsAck() && !acknowledgment.isAcknowledged();
    }

    private void awaitOrFail(ListenerEndpoint endpoint, CupMessage message, Acknowledgment acknowledgment,
            CompletableFuture<Void> handled) throws Exception {
        try {
            handled.get(waitBound().toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (ExecutionException ex) {
            onFailure(endpoint, message, acknowledgment, unwrap(ex));
        }
        catch (TimeoutException ex) {
            throw notDoneInTime("the future " + endpoint.describe() + " returned", message);
        }
    }

    /**
     * How long a thread waits for a need-ack message's returned future, and a handler thread for room in a
     * listener's queue: this node's ack timeout, after which a sender with the same setting has given the
     * message up.
     */
    private Duration waitBound() {
        MessageCenter center = this.server.getMessageCenter();
        return (center != null) ? center.options().ack().timeout() : DEFAULT_WAIT_BOUND;
    }

    /** The message is left unacked, so that its sender's next copy is handled again. */
    private IllegalStateException notDoneInTime(String what, CupMessage message) {
        return new IllegalStateException(what + " did not complete within " + waitBound() + " (cupnet.ack.timeout) "
                + "for need-ack message " + message.uniqId() + " from " + message.from()
                + "; the handler thread gives it up unacked and moves on");
    }

    private void onFailure(ListenerEndpoint endpoint, CupMessage message, Acknowledgment acknowledgment,
            Throwable ex) {
        ListenerExecutionFailedException failure = failure(endpoint, message, ex);
        if (this.errorHandler.handleError(message, failure) == ErrorAction.ACKNOWLEDGE) {
            logger.warn(failure.getMessage() + "; acknowledged as the error handler decided", ex);
            countFailure();
            acknowledgment.acknowledge();
            return;
        }
        throw failure;
    }

    private void onAsyncFailure(ListenerEndpoint endpoint, CupMessage message, Acknowledgment acknowledgment,
            Throwable ex) {
        if (ex == null) {
            return;
        }
        ListenerExecutionFailedException failure = failure(endpoint, message, unwrap(ex));
        ErrorAction action = this.errorHandler.handleError(message, failure);
        logger.warn(failure.getMessage(), failure.getCause());
        countFailure();
        if (action == ErrorAction.ACKNOWLEDGE) {
            acknowledgment.acknowledge();
        }
    }

    private void runBatch(ListenerEndpoint endpoint, BatchCollector.Batch batch) {
        List<CupMessage> messages = List.copyOf(batch.messages);
        Acknowledgment all = new BatchAcknowledgment(List.copyOf(batch.acknowledgments));
        long start = startTiming();
        try {
            endpoint.invoke(toMessage(messages, messages.get(0), all));
            recordInvocation(endpoint, start, true);
            batch.done.complete(null);
        }
        catch (Exception ex) {
            recordInvocation(endpoint, start, false);
            logger.warn("Batch listener " + endpoint.describe() + " failed on " + messages.size()
                    + " message(s), the first " + messages.get(0).uniqId() + " from " + messages.get(0).from(), ex);
            for (int i = 0; i < messages.size(); i++) {
                CupMessage message = messages.get(i);
                ListenerExecutionFailedException failure = failure(endpoint, message, ex);
                if (this.errorHandler.handleError(message, failure) == ErrorAction.ACKNOWLEDGE) {
                    batch.acknowledgments.get(i).acknowledge();
                }
                countFailure();
            }
            batch.done.completeExceptionally(failure(endpoint, messages.get(0), ex));
        }
    }

    private void reply(ListenerEndpoint endpoint, CupMessage request, Acknowledgment acknowledgment, Object value) {
        if (value == null) {
            return;
        }
        CupMessage reply = (value instanceof CupMessage built) ? built : CupMessage.builder()
            .from(replyOrigin(request))
            .to(request.from())
            .type(endpoint.replyTypeFor(request))
            .uniqId(request.uniqId())
            .body(this.converter.toBody(value))
            .build();
        CompletableFuture<DeliveryResult> sent = (acknowledgment instanceof ReplyRoute route && route.repliesHere())
                ? route.reply(reply) : this.server.requireMessageCenter().send(reply);
        sent.whenComplete((result, failure) -> {
            if (failure != null) {
                logger.warn("Reply of " + endpoint.describe() + " to " + request.uniqId() + " from " + request.from()
                        + " was not delivered: " + failure.getMessage());
            }
        });
    }

    /**
     * The address a reply comes from: the one its request was sent to, or this node's when the request named none
     * (a message over the broker is sent to a topic, not to an address).
     */
    private PeerAddress replyOrigin(CupMessage request) {
        MessageCenter center = this.server.getMessageCenter();
        boolean named = request.to() != null && !request.to().sameEndpoint(PeerAddress.NONE);
        return (named || center == null) ? request.to() : center.localAddress();
    }

    private Message<?> toMessage(Object payload, CupMessage first, Acknowledgment acknowledgment) {
        Map<String, Object> headers = new HashMap<>(HEADER_CAPACITY);
        headers.put(CupnetHeaders.FLAGS, first.flags());
        headers.put(CupnetHeaders.TYPE, first.type());
        headers.put(CupnetHeaders.UNIQ_ID, first.uniqId());
        headers.put(CupnetHeaders.FROM, first.from());
        headers.put(CupnetHeaders.TO, first.to());
        headers.put(CupnetHeaders.TRANSPORT, (acknowledgment instanceof ReplyRoute route) ? route.transport() : TCP);
        headers.put(CupnetHeaders.ACKNOWLEDGMENT, acknowledgment);
        return MessageBuilder.createMessage(payload, new ListenerMessageHeaders(headers));
    }

    private void countFailure() {
        MessageCenter center = this.server.getMessageCenter();
        if (center != null) {
            center.stats().handlerFailures().increment();
        }
    }

    private static ListenerExecutionFailedException failure(ListenerEndpoint endpoint, CupMessage message,
            Throwable ex) {
        return (ex instanceof ListenerExecutionFailedException failed) ? failed
                : new ListenerExecutionFailedException(endpoint.describe(), message, ex);
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable cause = ex;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private synchronized ScheduledExecutorService batchTimer() {
        if (this.batchTimer == null) {
            CustomizableThreadFactory threads = new CustomizableThreadFactory("cupnet-batch-timer-");
            threads.setDaemon(true);
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads);
            timer.setRemoveOnCancelPolicy(true);
            this.batchTimer = timer;
        }
        return this.batchTimer;
    }

    /** Runs the batches still being gathered and the calls still queued, and stops the listeners' own threads. */
    @Override
    public synchronized void destroy() {
        this.batchers.values().forEach(BatchCollector::close);
        this.limited.values().forEach(ListenerThreads::close);
        if (this.batchTimer != null) {
            this.batchTimer.shutdownNow();
        }
    }

    /** Acknowledges, or rejects, every message of a batch at once. */
    private record BatchAcknowledgment(List<Acknowledgment> each) implements Acknowledgment {

        @Override
        public void acknowledge() {
            this.each.forEach(Acknowledgment::acknowledge);
        }

        @Override
        public void reject() {
            this.each.forEach(Acknowledgment::reject);
        }

        @Override
        public boolean isAcknowledged() {
            return this.each.stream().allMatch(Acknowledgment::isAcknowledged);
        }

    }

}
