package io.cupnet.spring.listener;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The own threads of one {@code @MessageListener} with a concurrency limit: as many as the
 * limit, taking its messages off a bounded queue, so that the node's handler threads only
 * route to it and the order of other listeners' messages is kept.
 */
final class ListenerThreads implements AutoCloseable {

    private final ListenerEndpoint endpoint;

    private final ThreadPoolExecutor executor;

    private final int queueCapacity;

    ListenerThreads(ListenerEndpoint endpoint, int queueCapacity) {
        this.endpoint = endpoint;
        this.queueCapacity = Math.max(1, queueCapacity);
        CustomizableThreadFactory threads = new CustomizableThreadFactory(
                "cupnet-" + endpoint.getMethod().getName() + "-");
        threads.setDaemon(true);
        int count = endpoint.getConcurrency();
        this.executor = new ThreadPoolExecutor(count, count, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(this.queueCapacity), threads);
        // Tasks go straight onto the queue, so every thread must be running to take them.
        this.executor.prestartAllCoreThreads();
    }

    /**
     * Queues a call; while the queue is full the calling handler thread waits for room.
     * @param waitBound the longest wait for room
     * @throws IllegalStateException when the queue stayed full for {@code waitBound} or the threads are stopped
     * @throws InterruptedException when interrupted while waiting for room
     */
    void execute(Runnable call, Duration waitBound) throws InterruptedException {
        if (this.executor.isShutdown()) {
            throw new IllegalStateException("The threads of " + this.endpoint.describe() + " are stopped");
        }
        BlockingQueue<Runnable> queue = this.executor.getQueue();
        if (!queue.offer(call, waitBound.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("The queue of " + this.endpoint.describe() + " stayed full ("
                    + this.queueCapacity + " messages waiting for its " + this.endpoint.getConcurrency()
                    + " thread(s)) for " + waitBound + " (cupnet.ack.timeout); the message is given up unacked. "
                    + "Raise its concurrency or cupnet.listener.queue-capacity, or make the listener faster");
        }
    }

    /** Runs the queued calls, then waits for the threads to finish. */
    @Override
    public void close() {
        this.executor.shutdown();
        try {
            this.executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
