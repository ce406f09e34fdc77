package io.cupnet.bench.cupnet;

import java.util.concurrent.atomic.AtomicLong;

import io.cupnet.MessageCenter;
import io.cupnet.bench.BenchOptions;
import io.cupnet.spring.annotation.MessageListener;
import io.cupnet.spring.autoconfigure.CupnetAutoConfiguration;
import io.cupnet.spring.autoconfigure.CupnetOptionsCustomizer;
import io.cupnet.spring.core.CupnetServer;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A receiver as a starter user has it: a Spring context with cupnet's auto-configuration
 * and one {@code @MessageListener} bean, so that every message passes the listener registry,
 * the argument resolvers and the {@code MessageRouter} the starter uses. No meter registry is
 * configured, as for the other cupnet contenders.
 */
public final class SpringListenerNode implements AutoCloseable {

    private final AnnotationConfigApplicationContext context;

    private SpringListenerNode(AnnotationConfigApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts the context; its message center listens on loopback with the benchmark's options.
     * @param received counts the messages the listener was called with
     */
    public static SpringListenerNode start(BenchOptions bench, AtomicLong received) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.register(ListenerConfiguration.class);
        context.registerBean(CupnetOptionsCustomizer.class, () -> (builder) -> CupnetNodes.configure(builder, bench));
        context.registerBean(BenchListener.class, () -> new BenchListener(received));
        context.refresh();
        return new SpringListenerNode(context);
    }

    /** The message center the context started. */
    public MessageCenter center() {
        return this.context.getBean(CupnetServer.class).getMessageCenter();
    }

    /** Stops the message center with the context, as a Spring application does at shutdown. */
    @Override
    public void close() {
        this.context.close();
    }

    @ImportAutoConfiguration(CupnetAutoConfiguration.class)
    static class ListenerConfiguration {

    }

    /** Takes the body as bytes and counts the message: the cheapest listener a user can write. */
    static class BenchListener {

        private final AtomicLong received;

        BenchListener(AtomicLong received) {
            this.received = received;
        }

        @MessageListener(types = CupnetNodes.BENCH_TYPE)
        public void onMessage(byte[] body) {
            this.received.incrementAndGet();
        }

    }

}
