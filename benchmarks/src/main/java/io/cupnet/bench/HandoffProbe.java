package io.cupnet.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.cupnet.bench.report.Figures;
import io.cupnet.bench.report.Medians;
import org.HdrHistogram.Histogram;

/**
 * Measures this machine rather than cupnet: how long a sleeping thread takes to run once another
 * thread wakes it, the step every hand-off between two threads costs. A closed-loop round trip takes
 * several such steps in a row (application thread to event loop, event loop to handler thread, and
 * so on), so the tail of one step bounds the tail of the round trip: with {@code k} independent
 * waits, the round trip's p99.9 is at least about the step's {@code 1 - 0.001 / k} quantile (with
 * seven waits, its p99.986).
 *
 * <p>A prober thread sleeps {@link #PAUSE_NANOS}, as a thread between two requests does, stamps the
 * time and unparks its partner; the partner records how late it runs, then wakes the prober back.
 */
final class HandoffProbe {

    /** How long the prober sleeps before each hand-off, so that the partner's core may go idle meanwhile. */
    private static final long PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final double[] PERCENTILES = { 50, 99, 99.9, 99.99 };

    /** The percentiles as the human table names them. */
    private static final String[] LABELS = { "p50", "p99", "p99.9", "p99.99" };

    /** The percentiles as the RESULT line names them. */
    private static final String[] KEYS = { "p50", "p99", "p999", "p9999" };

    private final BenchOptions bench;

    private final PrintStream out;

    HandoffProbe(BenchOptions bench, PrintStream out) {
        this.bench = bench;
        this.out = out;
    }

    /** Runs the warm-up and measured rounds, prints them and the RESULT line, and returns the figures. */
    Figures run() throws InterruptedException {
        this.out.printf("%n== handoff: one thread unparks a sleeping one (after a %d us pause) and the latter "
                + "records how late it runs; %s per round ==%n", TimeUnit.NANOSECONDS.toMicros(PAUSE_NANOS),
                (this.bench.messages() > 0) ? this.bench.messages() + " hand-offs" : this.bench.seconds() + " s");
        for (int i = 1; i <= this.bench.warmup(); i++) {
            round("warm-up " + i);
        }
        List<Histogram> rounds = new ArrayList<>();
        for (int i = 1; i <= this.bench.rounds(); i++) {
            rounds.add(round("round " + i));
        }
        Figures figures = new Figures().put("scenario", "handoff").put("unit", "us");
        double[] medians = new double[PERCENTILES.length];
        for (int i = 0; i < PERCENTILES.length; i++) {
            double percentile = PERCENTILES[i];
            medians[i] = Medians.of(rounds, (histogram) -> micros(histogram, percentile));
            figures.put(KEYS[i], medians[i]);
        }
        figures.put("max", rounds.stream().mapToLong(Histogram::getMaxValue).max().orElse(0) / 1000.0);
        this.out.printf("  %-9s %s%n", "median", describe(medians));
        this.out.println(figures.resultLine());
        return figures;
    }

    private Histogram round(String label) throws InterruptedException {
        Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
        new Pair(histogram).run(this.bench.budget(), "handoff " + label);
        double[] percentiles = new double[PERCENTILES.length];
        for (int i = 0; i < PERCENTILES.length; i++) {
            percentiles[i] = micros(histogram, PERCENTILES[i]);
        }
        this.out.printf("  %-9s %s  max %9.1f us  (%,d hand-offs)%n", label, describe(percentiles),
                histogram.getMaxValue() / 1000.0, histogram.getTotalCount());
        this.out.flush();
        return histogram;
    }

    private static double micros(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** {@code p50 ... us  p99 ... us ...} for values in the order of {@link #PERCENTILES}. */
    private static String describe(double[] micros) {
        StringJoiner line = new StringJoiner("  ");
        for (int i = 0; i < micros.length; i++) {
            line.add(String.format("%s %8.1f us", LABELS[i], micros[i]));
        }
        return line.toString();
    }

    /** The prober (the calling thread) and its partner, passing the turn back and forth. */
    private static final class Pair {

        private final Histogram histogram;

        private final AtomicLong done = new AtomicLong();

        private final Thread prober = Thread.currentThread();

        private volatile boolean partnersTurn;

        private volatile boolean stopped;

        private volatile long wokenAtNanos;

        Pair(Histogram histogram) {
            this.histogram = histogram;
        }

        void run(Budget budget, String label) throws InterruptedException {
            Thread partner = new Thread(this::partner, "handoff-partner");
            partner.setDaemon(true);
            partner.start();
            long start = System.nanoTime();
            try (Progress.Ticket ticket = Progress.start(label, this.done::get, "hand-offs")) {
                while (!budget.isOver(start, this.done.get())) {
                    LockSupport.parkNanos(PAUSE_NANOS);
                    this.wokenAtNanos = System.nanoTime();
                    this.partnersTurn = true;
                    LockSupport.unpark(partner);
                    while (this.partnersTurn) {
                        LockSupport.park(this);
                    }
                }
            }
            this.stopped = true;
            LockSupport.unpark(partner);
            partner.join();
        }

        private void partner() {
            while (true) {
                while (!this.partnersTurn) {
                    if (this.stopped) {
                        return;
                    }
                    LockSupport.park(this);
                }
                this.histogram.recordValue(Math.min(System.nanoTime() - this.wokenAtNanos, HIGHEST_NANOS));
                this.done.lazySet(this.done.get() + 1);
                this.partnersTurn = false;
                LockSupport.unpark(this.prober);
            }
        }

    }

}
