package io.cupnet.bench.cupnet;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Budget;
import io.cupnet.bench.Contender;
import io.cupnet.bench.Sample;
import io.cupnet.bench.ThreadLoad;
import io.cupnet.bench.ThroughputRound;
import io.cupnet.transport.MessageCenter;
import io.cupnet.wire.PeerAddress;

/**
 * cupnet need-ack: every message carries FLAG_NEEDACK and is counted when its future completes,
 * that is when the receiver's ack arrived; at most {@code --window} messages are in flight.
 */
public final class CupnetNeedAck implements Contender {

    private final BenchOptions bench;

    private final byte[] body;

    private final AtomicLong acked = new AtomicLong();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private MessageCenter receiver;

    private MessageCenter sender;

    private PeerAddress to;

    /** Creates the contender. */
    public CupnetNeedAck(BenchOptions bench) {
        this.bench = bench;
        this.body = CupnetNodes.body(bench.size());
    }

    @Override
    public String name() {
        return "cupnet";
    }

    @Override
    public String describe() {
        return CupnetNodes.describePair(this.bench, "load from 1 application thread keeping " + this.bench.window()
                + " need-ack sends in flight; receiver acks after its no-op handler returns");
    }

    @Override
    public void open() throws Exception {
        this.receiver = CupnetNodes.start(this.bench, (message, acknowledgment) -> {
        });
        this.sender = CupnetNodes.start(this.bench, (message, acknowledgment) -> {
        });
        this.to = this.receiver.localAddress();
        this.sender.send(CupnetNodes.message(this.to, this.body, true)).get(10, TimeUnit.SECONDS);
    }

    @Override
    public Sample round(Budget budget, String label) throws InterruptedException {
        Semaphore window = new Semaphore(this.bench.window());
        ThreadLoad load = new ThreadLoad("cupnet-load", (stopped) -> {
            while (!window.tryAcquire(1, TimeUnit.MILLISECONDS)) {
                if (stopped.getAsBoolean()) {
                    return false;
                }
            }
            this.sender.send(CupnetNodes.message(this.to, this.body, true)).whenComplete((result, ex) -> {
                if (ex != null) {
                    this.failure.compareAndSet(null, ex);
                }
                this.acked.incrementAndGet();
                window.release();
            });
            return true;
        });
        Sample sample = ThroughputRound.run(budget, label, this.acked::get, load, this.bench.size());
        if (this.failure.get() != null) {
            throw new IllegalStateException(label + ": a need-ack send failed", this.failure.get());
        }
        return sample;
    }

    @Override
    public void close() {
        CupnetNodes.closeAll(this.sender, this.receiver);
    }

}
