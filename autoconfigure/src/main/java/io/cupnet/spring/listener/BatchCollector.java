package io.cupnet.spring.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Gathers the messages of one batch listener into batches of at most its batch size, each
 * run when full or when its first message has waited the batch timeout, one batch at a
 * time on the listener's own thread.
 */
final class BatchCollector implements AutoCloseable {

    private final ListenerEndpoint endpoint;

    private final ScheduledExecutorService timer;

    private final Consumer<Batch> runner;

    private final ThreadPoolExecutor executor;

    private final Object lock = new Object();

    private Batch current;

    BatchCollector(ListenerEndpoint endpoint, ScheduledExecutorService timer, int queueCapacity,
            Consumer<Batch> runner) {
        this.endpoint = endpoint;
        this.timer = timer;
        this.runner = runner;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("cupnet-batch-");
        threads.setDaemon(true);
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queueCapacity)), threads, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Adds a message; the returned future completes when its batch was handled. */
    CompletableFuture<Void> add(CupMessage message, Acknowledgment acknowledgment) {
        Batch full = null;
        Batch joined;
        synchronized (this.lock) {
            if (this.current == null) {
                Batch started = new Batch();
                started.timeout = this.timer.schedule(() -> flush(started),
                        this.endpoint.getBatchTimeout().toNanos(), TimeUnit.NANOSECONDS);
                this.current = started;
            }
            joined = this.current;
            joined.messages.add(message);
            joined.acknowledgments.add(acknowledgment);
            if (joined.messages.size() >= this.endpoint.getBatchSize()) {
                joined.timeout.cancel(false);
                this.current = null;
                full = joined;
            }
        }
        if (full != null) {
            submit(full);
        }
        return joined.done;
    }

    private void flush(Batch batch) {
        synchronized (this.lock) {
            if (this.current != batch) {
                return;
            }
            this.current = null;
        }
        submit(batch);
    }

    private void submit(Batch batch) {
        this.executor.execute(() -> this.runner.accept(batch));
    }

    /** Runs the batch being gathered, then waits for the listener's thread to finish. */
    @Override
    public void close() {
        Batch last;
        synchronized (this.lock) {
            last = this.current;
            this.current = null;
        }
        if (last != null) {
            last.timeout.cancel(false);
            submit(last);
        }
        this.executor.shutdown();
        try {
            this.executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** The messages of one batch and the future that settles them once the batch was handled. */
    static final class Batch {

        final List<CupMessage> messages = new ArrayList<>();

        final List<Acknowledgment> acknowledgments = new ArrayList<>();

        final CompletableFuture<Void> done = new CompletableFuture<>();

        ScheduledFuture<?> timeout;

    }

}
