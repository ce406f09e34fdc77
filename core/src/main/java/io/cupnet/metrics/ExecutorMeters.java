package io.cupnet.metrics;

import java.util.concurrent.ExecutorService;

import io.cupnet.MessageCenter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.netty.channel.EventLoopGroup;

/**
 * Binds Micrometer's executor metrics to a running center: {@code cupnet.executor.*} (tag
 * {@code name=handler}) for a handler executor that is an {@link ExecutorService}, and
 * {@code netty.eventexecutor.*} for its event loops.
 */
final class ExecutorMeters {

    private ExecutorMeters() {
    }

    /** Call off the event loops: the Netty binder waits for each loop's thread to start. */
    static void bind(MeterRegistry registry, MessageCenter center, Tags tags) {
        if (center.handlerExecutor() instanceof ExecutorService handlers) {
            new ExecutorServiceMetrics(handlers, "handler", "cupnet", tags).bindTo(registry);
        }
        EventLoopGroup loops = center.eventLoops();
        if (loops != null && !loops.isShuttingDown()) {
            new NettyEventExecutorMetrics(loops, tags).bindTo(registry);
        }
    }

}
