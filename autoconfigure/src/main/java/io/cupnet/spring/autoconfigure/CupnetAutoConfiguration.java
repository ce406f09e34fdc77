package io.cupnet.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.cupnet.AckTracking;
import io.cupnet.Connections;
import io.cupnet.EventLoopGroups;
import io.cupnet.MessageCenter;
import io.cupnet.MessageHandler;
import io.cupnet.options.CupnetOptions;
import io.cupnet.spring.annotation.MessageListenerBeanPostProcessor;
import io.cupnet.spring.annotation.MessageListenerLazyInitializationExcludeFilter;
import io.cupnet.spring.annotation.MessageListenerRegistrar;
import io.cupnet.spring.core.CupnetServer;
import io.cupnet.spring.core.CupnetTemplate;
import io.cupnet.spring.core.DestinationTransport;
import io.cupnet.spring.core.PayloadConverter;
import io.cupnet.spring.core.PendingReplies;
import io.cupnet.spring.listener.CupnetErrorHandler;
import io.cupnet.spring.listener.ErrorAction;
import io.cupnet.spring.listener.MessageListenerRegistry;
import io.cupnet.spring.listener.MessageRouter;
import io.netty.channel.EventLoopGroup;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timer;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Role;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Auto-configuration of a cupnet node: its options from {@code cupnet.*}, the message
 * center run as a {@link CupnetServer} lifecycle, {@code @MessageListener} routing and the
 * {@link CupnetTemplate}. Every bean backs off when the application defines its own.
 */
// After task execution, so that the listener executor never stands in for the application's task executor.
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
        "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnClass(MessageCenter.class)
@ConditionalOnBooleanProperty(name = "cupnet.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CupnetProperties.class)
@Import(CupnetPayloadConfiguration.class)
public final class CupnetAutoConfiguration {

    /** The name of the executor that runs the handler threads. */
    public static final String LISTENER_EXECUTOR_BEAN_NAME = "cupnetListenerExecutor";

    /** The name of the Netty event-loop group that runs every connection. */
    public static final String EVENT_LOOP_GROUP_BEAN_NAME = "cupnetEventLoopGroup";

    /** The name of the Netty timer that resends need-ack frames and times them out. */
    public static final String ACK_TIMER_BEAN_NAME = "cupnetAckTimer";

    @Bean
    @ConditionalOnMissingBean
    CupnetOptions cupnetOptions(CupnetProperties properties, ObjectProvider<CupnetOptionsCustomizer> customizers,
            ObjectProvider<SslBundles> sslBundles) {
        CupnetOptions.Builder builder = CupnetOptionsMapper.toBuilder(properties, sslBundles.getIfAvailable());
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return CupnetOptionsMapper.build(builder);
    }

    /**
     * A thread per handler worker (each runs for the node's whole life), as a
     * {@link ThreadPoolExecutor} so that Micrometer's executor metrics can read it.
     */
    /*
     * Not a default candidate: an application's @Autowired Executor or ExecutorService gets its own
     * (or Boot's applicationTaskExecutor), never cupnet's pool; cupnet injects it by name.
     */
    @Bean(name = LISTENER_EXECUTOR_BEAN_NAME, destroyMethod = "shutdown", defaultCandidate = false)
    @ConditionalOnMissingBean(name = LISTENER_EXECUTOR_BEAN_NAME)
    ExecutorService cupnetListenerExecutor(CupnetProperties properties) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                listenerThreads(properties));
    }

    private static ThreadFactory listenerThreads(CupnetProperties properties) {
        if (properties.getListener().isVirtualThreads()) {
            if (Runtime.version().feature() < 21) {
                throw new InvalidCupnetPropertyException("cupnet.listener.virtual-threads", true,
                        "false on Java " + Runtime.version().feature() + " (virtual threads need Java 21 or later)",
                        null);
            }
            return new VirtualThreadTaskExecutor("cupnet-listener-").getVirtualThreadFactory();
        }
        CustomizableThreadFactory threads = new CustomizableThreadFactory("cupnet-listener-");
        threads.setDaemon(true);
        return threads;
    }

    /**
     * The I/O event loops, made from {@code cupnet.transport.*}; owned by the context rather than a message center,
     * so that each fresh center after a restart runs on them. Not a default candidate, as the listener executor.
     */
    @Bean(name = EVENT_LOOP_GROUP_BEAN_NAME, destroyMethod = "shutdownGracefully", defaultCandidate = false)
    @ConditionalOnMissingBean(name = EVENT_LOOP_GROUP_BEAN_NAME)
    EventLoopGroup cupnetEventLoopGroup(CupnetOptions options) {
        return EventLoopGroups.create(options.transport(), "cupnet-io");
    }

    /** The ack timer, owned by the context rather than a message center. Not a default candidate. */
    @Bean(name = ACK_TIMER_BEAN_NAME, destroyMethod = "stop", defaultCandidate = false)
    @ConditionalOnMissingBean(name = ACK_TIMER_BEAN_NAME)
    Timer cupnetAckTimer() {
        return new HashedWheelTimer(new DefaultThreadFactory("cupnet-ack-timer", true), 10, TimeUnit.MILLISECONDS);
    }

    /** The connections of the current message center, following each fresh one after a restart. */
    @Bean
    @ConditionalOnMissingBean
    Connections cupnetConnections(CupnetServer server) {
        return server.connections();
    }

    /** The pending acks and ack outcomes of the current message center, following each fresh one. */
    @Bean
    @ConditionalOnMissingBean
    AckTracking cupnetAckTracking(CupnetServer server) {
        return server.acks();
    }

    @Bean
    @ConditionalOnMissingBean
    CupnetErrorHandler cupnetErrorHandler() {
        return (message, error) -> ErrorAction.RETRY;
    }

    @Bean
    @ConditionalOnMissingBean
    PendingReplies cupnetPendingReplies() {
        return new PendingReplies();
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    static MessageListenerRegistry cupnetMessageListenerRegistry() {
        return new MessageListenerRegistry();
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    static MessageListenerBeanPostProcessor cupnetMessageListenerBeanPostProcessor(
            MessageListenerRegistry registry) {
        return new MessageListenerBeanPostProcessor(registry);
    }

    /** Keeps listener beans out of {@code spring.main.lazy-initialization}, so that they exist at start-up. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static MessageListenerLazyInitializationExcludeFilter cupnetMessageListenerLazyInitializationExcludeFilter() {
        return new MessageListenerLazyInitializationExcludeFilter();
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    MessageListenerRegistrar cupnetMessageListenerRegistrar(MessageRouter router, MessageListenerRegistry registry,
            CupnetOptions options) {
        return new MessageListenerRegistrar(router, registry, options.listener().dispatch());
    }

    @Bean
    @ConditionalOnMissingBean
    MessageRouter cupnetMessageRouter(MessageListenerRegistry registry, PayloadConverter converter,
            CupnetErrorHandler errorHandler, PendingReplies replies, CupnetServer server,
            ConfigurableBeanFactory beanFactory, CupnetProperties properties) {
        return new MessageRouter(registry, converter, errorHandler, replies, server, beanFactory,
                properties.getListener().getQueueCapacity());
    }

    /**
     * Created when the server starts, after the {@link MessageListenerRegistrar} registered
     * every listener. Its handler threads ({@code cupnet.listener.concurrency}) only route to
     * the listeners with their own threads (concurrency limits, batches). A start after a stop
     * runs a fresh message center built the same way (see {@link CupnetServer}).
     */
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    MessageCenter cupnetMessageCenter(CupnetOptions options, MessageRouter router, CenterThreads threads,
            ObjectProvider<MessageHandlerDecorator> decorators) {
        return newMessageCenter(options, decorate(router, decorators), threads);
    }

    /** The router wrapped by the decorators, the first in order outermost. */
    private static MessageHandler decorate(MessageRouter router, ObjectProvider<MessageHandlerDecorator> decorators) {
        List<MessageHandlerDecorator> ordered = decorators.orderedStream().toList();
        MessageHandler handler = router;
        for (int i = ordered.size() - 1; i >= 0; i--) {
            handler = ordered.get(i).decorate(handler);
        }
        return handler;
    }

    /** The context's thread pools for each message center; the options' own, when a customizer set them, win. */
    @Bean
    CenterThreads cupnetCenterThreads(@Qualifier(LISTENER_EXECUTOR_BEAN_NAME) Executor listenerExecutor,
            @Qualifier(EVENT_LOOP_GROUP_BEAN_NAME) EventLoopGroup eventLoopGroup,
            @Qualifier(ACK_TIMER_BEAN_NAME) Timer ackTimer) {
        return new CenterThreads(listenerExecutor, eventLoopGroup, ackTimer);
    }

    private static MessageCenter newMessageCenter(CupnetOptions options, MessageHandler handler,
            CenterThreads threads) {
        Executor executor = firstNonNull(options.listener().executor(), threads.listenerExecutor());
        EventLoopGroup loops = firstNonNull(options.transport().eventLoopGroup(), threads.eventLoopGroup());
        Timer timer = firstNonNull(options.ack().timer(), threads.ackTimer());
        return new MessageCenter(options.toBuilder()
            .listener(l -> l.executor(executor))
            .transport(t -> t.eventLoopGroup(loops))
            .ack(a -> a.timer(timer))
            .build(), handler);
    }

    private static <T> T firstNonNull(T preferred, T fallback) {
        return (preferred != null) ? preferred : fallback;
    }

    /** Starts the {@code MessageCenter} bean first, and a fresh center on each start after a stop. */
    @Bean
    @ConditionalOnMissingBean
    CupnetServer cupnetServer(ObjectProvider<MessageCenter> center, CupnetProperties properties,
            CupnetOptions options, ObjectProvider<MessageRouter> router, ObjectProvider<CenterThreads> threads,
            ObjectProvider<MessageHandlerDecorator> decorators) {
        AtomicBoolean first = new AtomicBoolean(true);
        Supplier<MessageCenter> centers = () -> first.getAndSet(false) ? center.getObject()
                : newMessageCenter(options, decorate(router.getObject(), decorators), threads.getObject());
        return new CupnetServer(centers, properties.getShutdownTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    CupnetTemplate cupnetTemplate(CupnetServer server, PayloadConverter converter, PendingReplies replies,
            ObjectProvider<DestinationTransport> transports) {
        return new CupnetTemplate(server, converter, replies, transports.orderedStream().toList());
    }

    /**
     * The thread pools each message center runs on, held by the context across restarts.
     * @param listenerExecutor runs the handler threads
     * @param eventLoopGroup runs every connection
     * @param ackTimer resends need-ack frames and times them out
     */
    record CenterThreads(Executor listenerExecutor, EventLoopGroup eventLoopGroup, Timer ackTimer) {
    }

}
