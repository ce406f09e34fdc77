package io.cupnet.bench.netty;

import java.util.concurrent.atomic.AtomicLong;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Budget;
import io.cupnet.bench.Sample;
import io.cupnet.bench.ThroughputRound;

/**
 * Baseline one-way: the client's event loop writes length-prefixed frames while writable, the
 * server counts them on arrival.
 */
public final class NettyOneway extends BaselineContender {

    private final AtomicLong received = new AtomicLong();

    private NettyPump pump;

    /** Creates the contender. */
    public NettyOneway(BenchOptions bench) {
        super(bench);
    }

    @Override
    public String describe() {
        return BaselinePair.describe(this.bench, "frames written in batches from the client event loop while "
                + "writable, counted in the server's decoder");
    }

    @Override
    public void open() {
        this.pair = new BaselinePair(this.bench);
        this.pump = new NettyPump(Frames.body(this.bench.size()), Long.MAX_VALUE);
        this.pair.connect(() -> new FrameCounter((ctx, frames) -> this.received.addAndGet(frames)), this.pump);
    }

    @Override
    public Sample round(Budget budget, String label) throws InterruptedException {
        return ThroughputRound.run(budget, label, this.received::get, this.pump, this.bench.size());
    }

}
