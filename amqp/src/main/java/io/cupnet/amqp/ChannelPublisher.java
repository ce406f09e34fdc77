package io.cupnet.amqp;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cupnet.DeliveryException.Reason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes a transport's messages from one thread of its own, many on one channel: it takes {@link Task}s off a
 * bounded queue and runs them inside a {@link RabbitTemplate#invoke} scope, which holds one channel until the queue
 * stayed empty for {@link #IDLE_SCOPE_END} or a publish threw (the channel or connection was lost); the remaining
 * tasks go out in a new scope. A channel per burst rather than per publish spares Spring AMQP a channel open and
 * confirm select per publish (it keeps a channel with outstanding confirms out of its cache), and ending the scope
 * when idle lets a node that does not send hold no channel and start afresh from the factory after a broker loss.
 *
 * <p>Every task submitted ends exactly once: published, {@linkplain Task#lost lost} (its publish, or the scope's
 * channel, failed: it alone is handed back), {@linkplain Task#deferred deferred} by the task itself, or
 * {@linkplain Task#refused refused} (queue full, or stopped). Tasks submitted from one thread are published in
 * the order they were submitted, unless one of them is lost and retried. The caller never blocks.
 */
final class ChannelPublisher {

    /** Maximum number of tasks waiting for the publisher thread of a transport. */
    static final int MAX_QUEUED = 10_000;

    /** How long the queue stays empty before the publisher ends its scope and gives its channel back. */
    static final Duration IDLE_SCOPE_END = Duration.ofMillis(100);

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private static final Log logger = LogFactory.getLog(ChannelPublisher.class);

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Queued at stop, after every task submitted before it. */
    private static final Task STOP = new Task() {

        @Override
        public void publish(RabbitOperations operations) {
        }

        @Override
        public void lost(RuntimeException cause) {
        }

        @Override
        public void refused(Reason reason, String text) {
        }

    };

    private final RabbitTemplate template;

    private final int maxQueued;

    private final Duration drainTimeout;

    private volatile Run run;

    /**
     * A publisher through {@code template}, holding at most {@code maxQueued} tasks (not counting those
     * {@linkplain #resubmit resubmitted}).
     */
    ChannelPublisher(RabbitTemplate template, int maxQueued) {
        this(template, maxQueued, DRAIN_TIMEOUT);
    }

    /** A publisher as above whose stop waits at most {@code drainTimeout} for the queue to drain. */
    ChannelPublisher(RabbitTemplate template, int maxQueued, Duration drainTimeout) {
        this.template = template;
        this.maxQueued = maxQueued;
        this.drainTimeout = drainTimeout;
    }

    /** Queues {@code task}, or refuses it at once with {@code QUEUE_FULL} or {@code SHUTDOWN}. */
    void submit(Task task) {
        offer(task, true);
    }

    /**
     * Queues {@code task} again after it was lost, beyond the bound (what waits for the broker is bounded where it
     * waits); refuses it with {@code SHUTDOWN} when stopped.
     */
    void resubmit(Task task) {
        offer(task, false);
    }

    private void offer(Task task, boolean bounded) {
        Run current = this.run;
        if (current == null || current.stopping) {
            task.refused(Reason.SHUTDOWN, "the broker transport is stopped");
            return;
        }
        if (!current.admit(bounded)) {
            task.refused(Reason.QUEUE_FULL, this.maxQueued + " messages already wait for the publisher thread of "
                    + "the broker transport, the most it holds; send again later");
            return;
        }
        current.queue.add(task);
        if (current.stopping && current.queue.remove(task)) {
            current.queued.decrementAndGet();
            task.refused(Reason.SHUTDOWN, "the broker transport stopped before the message was published");
        }
    }

    /** Starts the publisher thread. */
    synchronized void start() {
        if (this.run == null) {
            this.run = new Run();
            this.run.thread.start();
        }
    }

    /**
     * Stops taking tasks and waits at most the drain timeout (5 s) while the thread works through the queue: tasks
     * that {@linkplain Task#publishesOnStop publish on stop} are published, the others refused with {@code SHUTDOWN};
     * whatever is still queued after the wait is refused with {@code SHUTDOWN} here. The thread ends (after the task
     * in its hands, when the wait ran out).
     */
    synchronized void stop() {
        Run current = this.run;
        if (current == null) {
            return;
        }
        current.stopping = true;
        this.run = null;
        current.queue.add(STOP);
        boolean fromOutside = Thread.currentThread() != current.thread;
        try {
            if (fromOutside) {
                current.thread.join(this.drainTimeout.toMillis());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        // a thread still publishing (the broker does not answer) ends its task and takes no other
        current.abandoned = true;
        if (fromOutside) {
            current.thread.interrupt();
        }
        for (Task task = current.queue.poll(); task != null; task = current.queue.poll()) {
            if (task != STOP) {
                current.queued.decrementAndGet();
                task.refused(Reason.SHUTDOWN, "the broker transport stopped before the message was published");
            }
        }
    }

    /** The number of tasks waiting for the publisher thread. */
    int size() {
        Run current = this.run;
        return (current != null) ? current.queued.get() : 0;
    }

    /** Whether the publisher thread of the current run is alive. */
    boolean isRunning() {
        Run current = this.run;
        return current != null && current.thread.isAlive();
    }

    /** One publish for the publisher thread; it ends in exactly one of its methods, or was deferred. */
    interface Task {

        /**
         * Publishes through {@code operations}, whose channel the scope holds; an exception means the channel or
         * connection was lost: the task is then {@linkplain #lost lost} and the scope ends.
         */
        void publish(RabbitOperations operations);

        /** The publish could not reach the broker because of {@code cause}: no channel, or the channel failed. */
        void lost(RuntimeException cause);

        /** The task was never attempted: the queue was full, or the publisher stopped. */
        void refused(Reason reason, String text);

        /** Defers the task without an attempt (it runs again later through a resubmit); true when it did. */
        default boolean deferred() {
            return false;
        }

        /** Whether the task is published when it is still queued at stop, rather than refused. */
        default boolean publishesOnStop() {
            return false;
        }

    }

    /** One start-to-stop run: its queue and thread, so that a thread left over from a stop takes no later task. */
    private final class Run implements Runnable {

        private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();

        private final AtomicInteger queued = new AtomicInteger();

        private final Thread thread;

        private volatile boolean stopping;

        private volatile boolean abandoned;

        /** The task taken off the queue and not yet ended; publisher thread only. */
        private Task inHand;

        /** Whether the thread saw the stop; publisher thread only. */
        private boolean ended;

        Run() {
            this.thread = new Thread(this, "cupnet-amqp-publisher-" + THREADS.incrementAndGet());
            this.thread.setDaemon(true);
        }

        boolean admit(boolean bounded) {
            if (!bounded) {
                this.queued.incrementAndGet();
                return true;
            }
            int now;
            do {
                now = this.queued.get();
                if (now >= ChannelPublisher.this.maxQueued) {
                    return false;
                }
            }
            while (!this.queued.compareAndSet(now, now + 1));
            return true;
        }

        @Override
        public void run() {
            while (!this.ended && !this.abandoned) {
                try {
                    Task first = next(true);
                    if (first != null) {
                        scope(first);
                    }
                }
                catch (RuntimeException ex) {
                    logger.warn("A publish task failed outside its publish", ex);
                }
            }
        }

        /** Publishes {@code first} and what follows it on one channel, until the queue idles or a publish fails. */
        private void scope(Task first) {
            this.inHand = first;
            try {
                ChannelPublisher.this.template.invoke((operations) -> {
                    publishAll(operations);
                    return null;
                });
            }
            catch (RuntimeException ex) {
                Task lost = this.inHand;
                this.inHand = null;
                if (lost != null) {
                    lost.lost(ex);
                }
                else {
                    logger.debug("Ending a publishing scope failed", ex);
                }
            }
        }

        private void publishAll(RabbitOperations operations) {
            while (this.inHand != null) {
                this.inHand.publish(operations);
                this.inHand = null;
                this.inHand = next(false);
            }
        }

        /**
         * The next task to publish: waiting for one ({@code block}), or for at most the idle time; null when none
         * came or the run ended. Refuses tasks other than those that publish on stop once stopping; skips the
         * tasks that deferred themselves.
         */
        private Task next(boolean block) {
            while (!this.ended && !this.abandoned) {
                Task task = take(block);
                if (task == null) {
                    return null;
                }
                if (task == STOP) {
                    this.ended = true;
                    return null;
                }
                this.queued.decrementAndGet();
                if (this.stopping && !task.publishesOnStop()) {
                    task.refused(Reason.SHUTDOWN, "the broker transport stopped before the message was published");
                }
                else if (!task.deferred()) {
                    return task;
                }
            }
            return null;
        }

        private Task take(boolean block) {
            try {
                return block ? this.queue.take() : this.queue.poll(IDLE_SCOPE_END.toNanos(), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ex) {
                // only stop interrupts, once it stopped waiting for the queue to drain
                this.ended = true;
                return null;
            }
        }

    }

}
