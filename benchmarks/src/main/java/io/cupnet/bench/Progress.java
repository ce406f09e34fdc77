package io.cupnet.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Prints one progress line a second on stderr while a round runs: elapsed time, count so far and
 * the rate of the last second.
 */
public final class Progress {

    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor((runnable) -> {
        Thread thread = new Thread(runnable, "bench-progress");
        thread.setDaemon(true);
        return thread;
    });

    private Progress() {
    }

    /**
     * Starts printing progress for a round.
     * @param label what runs, such as {@code "oneway cupnet round 2/3"}
     * @param count the number counted so far in this round
     * @param unit what is counted, such as {@code "msg"}
     * @return stops the printing when closed
     */
    public static Ticket start(String label, LongSupplier count, String unit) {
        long start = System.nanoTime();
        long[] last = { count.getAsLong(), start };
        ScheduledFuture<?> task = TICKER.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long value = count.getAsLong();
            double rate = (value - last[0]) / ((now - last[1]) / 1e9);
            last[0] = value;
            last[1] = now;
            System.err.printf("  [%s] %4.0fs  %,d %s  (%,.0f %s/s)%n", label, (now - start) / 1e9, value, unit, rate,
                    unit);
        }, 1, 1, TimeUnit.SECONDS);
        return () -> task.cancel(false);
    }

    /** Stops the progress lines of one round. */
    @FunctionalInterface
    public interface Ticket extends AutoCloseable {

        @Override
        void close();

    }

}
