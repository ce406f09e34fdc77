package io.cupnet.bench.cupnet;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Budget;
import io.cupnet.bench.Sample;
import io.cupnet.bench.ThreadLoad;
import io.cupnet.bench.ThroughputRound;

/**
 * cupnet need-ack: every message carries FLAG_NEEDACK and is counted when its future completes,
 * that is when the receiver's ack arrived; at most {@code --window} messages are in flight.
 */
public final class CupnetNeedAck extends CupnetPair {

    /** How long the load thread sleeps while the window is full. */
    private static final long WINDOW_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    private final AtomicLong acked = new AtomicLong();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Creates the contender. */
    public CupnetNeedAck(BenchOptions bench) {
        super(bench);
    }

    @Override
    public String describe() {
        return CupnetNodes.describePair(this.bench, "load from 1 application thread keeping " + this.bench.window()
                + " need-ack sends in flight (it polls the count of completed futures every 20 us while the window is "
                + "full); receiver acks after its no-op handler returns");
    }

    @Override
    public void open() throws Exception {
        startNodes(NO_OP, NO_OP);
        this.sender.send(CupnetNodes.message(this.to, this.body, true)).get(10, TimeUnit.SECONDS);
    }

    @Override
    public Sample round(Budget budget, String label) throws InterruptedException {
        // The window is polled by the load thread, so an ack never makes the I/O thread wake a waiting sender:
        // the baseline's window is a counter on its event loop.
        long window = this.bench.window();
        long[] sent = { this.acked.get() };
        // The completed count is read again only once the last reading shows the window full, so that the load
        // thread does not pull the counter's cache line from the I/O thread on every send.
        long[] ackedSeen = { sent[0] };
        ThreadLoad load = new ThreadLoad("cupnet-load", (stopped) -> {
            while (sent[0] - ackedSeen[0] >= window) {
                ackedSeen[0] = this.acked.get();
                if (sent[0] - ackedSeen[0] < window) {
                    break;
                }
                if (stopped.getAsBoolean()) {
                    return false;
                }
                LockSupport.parkNanos(WINDOW_POLL_NANOS);
            }
            sent[0]++;
            this.sender.send(CupnetNodes.message(this.to, this.body, true)).whenComplete((result, ex) -> {
                if (ex != null) {
                    this.failure.compareAndSet(null, ex);
                }
                this.acked.incrementAndGet();
            });
            return true;
        });
        Sample sample = ThroughputRound.run(budget, label, this.acked::get, load, this.bench.size());
        if (this.failure.get() != null) {
            throw new IllegalStateException(label + ": a need-ack send failed", this.failure.get());
        }
        return sample;
    }

}
