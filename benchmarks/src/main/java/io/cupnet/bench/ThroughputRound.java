package io.cupnet.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import com.sun.management.OperatingSystemMXBean;

/**
 * Runs one throughput round: starts a load, counts arrivals until the budget is spent, then stops
 * the load and waits until everything it sent has been counted, so that rounds never overlap.
 */
public final class ThroughputRound {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    /** How often the measuring thread looks at the count: rarely enough to take no CPU from the contenders. */
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private ThroughputRound() {
    }

    /**
     * Runs a round.
     * @param budget how long the round runs
     * @param label names the round in progress lines
     * @param counted the total number of messages counted so far (arrived or acknowledged)
     * @param load the sender
     * @param frameSize bytes per message on the wire
     * @return the messages counted while the budget ran, over the time it ran
     */
    public static Sample.Throughput run(Budget budget, String label, LongSupplier counted, Load load, int frameSize)
            throws InterruptedException {
        long base = counted.getAsLong();
        LongSupplier inRound = () -> counted.getAsLong() - base;
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        load.start(budget.sendLimit());
        long nanos;
        long count;
        long cpuNanos;
        try (Progress.Ticket ticket = Progress.start(label, inRound, "msg")) {
            while (!budget.isOver(start, inRound.getAsLong())) {
                LockSupport.parkNanos(CHECK_NANOS);
                load.check();
            }
            nanos = System.nanoTime() - start;
            count = inRound.getAsLong();
            cpuNanos = processCpuNanos() - cpuStart;
        }
        load.stop();
        long sent = load.awaitStopped();
        awaitDrained(label, inRound, sent);
        return new Sample.Throughput(count, nanos, frameSize, cpuNanos);
    }

    /** CPU time of every thread of this process so far: both nodes of a contender, its load and the harness. */
    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void awaitDrained(String label, LongSupplier inRound, long sent) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (inRound.getAsLong() < sent) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(label + ": only " + inRound.getAsLong() + " of " + sent
                        + " messages sent were counted after " + DRAIN_TIMEOUT.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    /** A sender that runs in the background until stopped or until it has sent its limit. */
    public interface Load {

        /** Starts sending at most {@code limit} messages. */
        void start(long limit);

        /** Throws when the load has failed, so that the round ends at once. */
        default void check() {
        }

        /** Asks the load to stop sending. */
        void stop();

        /** Waits until the load has stopped and returns how many messages it sent in this round. */
        long awaitStopped() throws InterruptedException;

    }

}
