package io.cupnet.amqp;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cupnet.DeliveryException.Reason;

/**
 * The publishes that lost the broker (it could not be reached, or the channel closed before the confirm), each
 * published again on the transport's timer thread with a doubling backoff until the broker confirms it or its send
 * timeout passes; a bounded number wait at a time ({@link #MAX_WAITING} in a transport). While the broker is away,
 * publishes that come up within a moment of another's loss are deferred without an attempt, so that the connection
 * attempts do not grow with the number waiting. A publish's {@link Attempts} begin with its first attempt, and
 * every end (confirm, final failure, stop) settles it once.
 */
final class PublishRetries {

    /** Maximum number of publishes waiting for the broker to come back. */
    static final int MAX_WAITING = 10_000;

    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ScheduledExecutorService timer;

    private final Duration sendTimeout;

    private final String broker;

    private final int maxWaiting;

    private final Set<Attempts> waiting = ConcurrentHashMap.newKeySet();

    private volatile boolean stopped = true;

    private volatile long lastLossNanos = System.nanoTime() - FIRST_BACKOFF_NANOS;

    private volatile String lastCause = "";

    /**
     * Retries on {@code timer}, each publish for at most {@code sendTimeout}.
     * @param broker the broker's address, as failures name it
     * @param maxWaiting maximum number of publishes waiting for the broker at a time
     */
    PublishRetries(ScheduledExecutorService timer, Duration sendTimeout, String broker, int maxWaiting) {
        this.timer = timer;
        this.sendTimeout = sendTimeout;
        this.broker = broker;
        this.maxWaiting = maxWaiting;
    }

    /** The attempts of a publish that begins now and fails through {@code failure}. */
    Attempts begin(Failure failure) {
        return new Attempts(System.nanoTime() + this.sendTimeout.toNanos(), failure);
    }

    /**
     * Runs {@code again} after a backoff, as the attempt of {@code attempts} lost the broker with {@code cause}; fails
     * the publish instead when its send timeout passed, too many publishes wait, or the sender stopped.
     */
    void lost(Attempts attempts, String cause, Runnable again) {
        this.lastCause = cause;
        this.lastLossNanos = System.nanoTime();
        retryOrFail(attempts, cause, again);
    }

    /**
     * Whether a publish lost the broker moments ago: then an attempt is not worth making, and {@link #defer} saves the
     * caller's or timer's thread from another connection attempt.
     */
    boolean recentlyLost() {
        return System.nanoTime() - this.lastLossNanos < FIRST_BACKOFF_NANOS;
    }

    /** Runs {@code again} after a backoff without an attempt now, as another publish lost the broker moments ago. */
    void defer(Attempts attempts, Runnable again) {
        retryOrFail(attempts, this.lastCause, again);
    }

    private void retryOrFail(Attempts attempts, String cause, Runnable again) {
        if (attempts.waiting && !this.waiting.contains(attempts)) {
            return;
        }
        long left = attempts.deadline - System.nanoTime();
        if (this.stopped) {
            settle(attempts, Reason.SHUTDOWN, "the broker transport stopped while the message waited for the broker "
                    + this.broker + " (" + cause + ")");
        }
        else if (left <= 0) {
            settle(attempts, Reason.CONNECTION_LOST, "the broker " + this.broker + " could not be reached within "
                    + this.sendTimeout + " (option amqp.sendTimeout, property cupnet.amqp.send-timeout): " + cause);
        }
        else if (!attempts.waiting && !startWaiting(attempts)) {
            attempts.failure.fail(Reason.QUEUE_FULL, this.maxWaiting + " messages already wait for the broker "
                    + this.broker + " to come back, the most a sender holds; send again later (" + cause + ")");
        }
        else {
            schedule(attempts, Math.min(attempts.backoffNanos, left), again);
        }
    }

    private boolean startWaiting(Attempts attempts) {
        if (this.waiting.size() >= this.maxWaiting) {
            return false;
        }
        attempts.waiting = true;
        this.waiting.add(attempts);
        return true;
    }

    private void schedule(Attempts attempts, long delayNanos, Runnable again) {
        attempts.backoffNanos = Math.min(attempts.backoffNanos * 2, MAX_BACKOFF_NANOS);
        try {
            this.timer.schedule(() -> {
                if (this.waiting.contains(attempts)) {
                    runAgain(attempts, again);
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
        }
        catch (RejectedExecutionException ex) {
            settle(attempts, Reason.SHUTDOWN, "the broker transport was destroyed while the message waited for the "
                    + "broker " + this.broker);
        }
    }

    private void runAgain(Attempts attempts, Runnable again) {
        try {
            again.run();
        }
        catch (RuntimeException ex) {
            settle(attempts, Reason.CONNECTION_LOST, "publishing to the broker " + this.broker + " failed: " + ex);
        }
    }

    /** The publish of {@code attempts} came to an end (a confirm, a return or a broker nack): it waits no more. */
    void settled(Attempts attempts) {
        this.waiting.remove(attempts);
    }

    /**
     * Fails the publish of {@code attempts} with {@code reason}, as it was refused before an attempt (queue full, or
     * stopped); nothing happens when a stop already failed it.
     */
    void refused(Attempts attempts, Reason reason, String text) {
        settle(attempts, reason, text);
    }

    private void settle(Attempts attempts, Reason reason, String text) {
        if (!attempts.waiting || this.waiting.remove(attempts)) {
            attempts.failure.fail(reason, text);
        }
    }

    void start() {
        this.stopped = false;
    }

    /** Fails every waiting publish with {@link Reason#SHUTDOWN}; later losses fail at once. */
    void stop() {
        this.stopped = true;
        for (Attempts attempts : this.waiting) {
            settle(attempts, Reason.SHUTDOWN, "the broker transport stopped while the message waited for the broker "
                    + this.broker);
        }
    }

    /** The number of publishes waiting for the broker. */
    int size() {
        return this.waiting.size();
    }

    /** Fails a publish with a reason and a text. */
    @FunctionalInterface
    interface Failure {

        void fail(Reason reason, String text);

    }

    /** The state of one publish across its attempts: its deadline, its next backoff, whether it waits. */
    static final class Attempts {

        private final long deadline;

        private final Failure failure;

        private volatile long backoffNanos = FIRST_BACKOFF_NANOS;

        private volatile boolean waiting;

        private Attempts(long deadline, Failure failure) {
            this.deadline = deadline;
            this.failure = failure;
        }

    }

}
