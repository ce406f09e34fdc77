package io.cupnet.spring.annotation;

import java.util.List;

import io.cupnet.DispatchMode;
import io.cupnet.spring.listener.ListenerConfigurationException;
import io.cupnet.spring.listener.ListenerEndpoint;
import io.cupnet.spring.listener.MessageListenerRegistry;
import io.cupnet.spring.listener.MessageRouter;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Registers the {@code @MessageListener} endpoints once every singleton exists, as Spring
 * Kafka's registrar does: checks and prepares each, and freezes the registry, before the
 * message center starts with the application context's lifecycle. Spring Boot never
 * initializes a {@link SmartInitializingSingleton} lazily, so this runs with
 * {@code spring.main.lazy-initialization=true} too.
 */
public class MessageListenerRegistrar implements SmartInitializingSingleton {

    private final MessageRouter router;

    private final MessageListenerRegistry registry;

    private final DispatchMode dispatch;

    /**
     * @param dispatch where listeners run: on the I/O threads no listener may block
     */
    public MessageListenerRegistrar(MessageRouter router, MessageListenerRegistry registry, DispatchMode dispatch) {
        this.router = router;
        this.registry = registry;
        this.dispatch = dispatch;
    }

    /**
     * @throws ListenerConfigurationException when a listener cannot be used as declared
     */
    @Override
    public void afterSingletonsInstantiated() {
        this.router.initialize();
        requireNonBlockingOnIoThreads();
    }

    private void requireNonBlockingOnIoThreads() {
        List<ListenerEndpoint> blocking = this.registry.endpointsThatCouldBlock();
        if (this.dispatch != DispatchMode.IO_THREAD || blocking.isEmpty()) {
            return;
        }
        List<String> names = blocking.stream().map(ListenerEndpoint::describe).toList();
        throw new ListenerConfigurationException(names.get(0), "cupnet.listener.dispatch is io-thread, and these "
                + "@MessageListener methods could block an I/O thread (they batch, return a future or have a "
                + "concurrency limit): " + names, "Set cupnet.listener.dispatch=handler-threads, or make each of "
                        + "them return its result directly, without batch = true and without concurrency.");
    }

}
