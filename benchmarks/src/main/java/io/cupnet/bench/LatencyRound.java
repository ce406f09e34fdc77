package io.cupnet.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * Runs one closed-loop latency round: one request at a time, each round trip recorded in an
 * HdrHistogram in nanoseconds.
 */
public final class LatencyRound {

    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(30);

    private LatencyRound() {
    }

    /**
     * Runs requests until the budget is spent.
     * @param budget how many requests, or for how long
     * @param label names the round in progress lines
     * @param request sends one request and returns when its reply arrived
     */
    public static Sample.Latency run(Budget budget, String label, Request request) throws Exception {
        Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        try (Progress.Ticket ticket = Progress.start(label, done::get, "req")) {
            while (!budget.isOver(start, done.get())) {
                long sent = System.nanoTime();
                request.roundTrip();
                histogram.recordValue(Math.min(System.nanoTime() - sent, HIGHEST_NANOS));
                done.lazySet(done.get() + 1);
            }
        }
        return new Sample.Latency(histogram);
    }

    /** One round trip. */
    @FunctionalInterface
    public interface Request {

        /** Sends a request and waits for its reply. */
        void roundTrip() throws Exception;

    }

}
