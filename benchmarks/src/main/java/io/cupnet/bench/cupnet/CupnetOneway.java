package io.cupnet.bench.cupnet;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Budget;
import io.cupnet.bench.Sample;
import io.cupnet.bench.ThreadLoad;
import io.cupnet.bench.ThroughputRound;
import io.cupnet.dispatch.MessageHandler;

/**
 * cupnet one-way: a sender node sends plain messages to a receiver node, whose handler counts them.
 * With {@code listener}, the receiver's handler routes each message by type to a no-op listener first.
 */
public final class CupnetOneway extends CupnetPair {

    private final boolean listener;

    private final AtomicLong received = new AtomicLong();

    /**
     * Creates the contender.
     * @param bench the options
     * @param listener whether to route through a type-to-listener map, as the listener scenario does
     */
    public CupnetOneway(BenchOptions bench, boolean listener) {
        super(bench);
        this.listener = listener;
    }

    @Override
    public String describe() {
        return CupnetNodes.describePair(this.bench, "load from 1 application thread calling send()")
                + (this.listener ? "; receiver handler routes by type through a Map to a no-op listener" : "");
    }

    @Override
    public void open() throws InterruptedException {
        startNodes(handler(), NO_OP);
        this.sender.send(CupnetNodes.message(this.to, this.body, false));
        CupnetNodes.await(() -> this.received.get() == 1, "the first message arrived");
    }

    private MessageHandler handler() {
        if (!this.listener) {
            return (message, acknowledgment) -> this.received.incrementAndGet();
        }
        return new TypeRoutingHandler(Map.of(CupnetNodes.BENCH_TYPE, TypeRoutingHandler.noOp(), 1,
                TypeRoutingHandler.noOp()), this.received::incrementAndGet);
    }

    @Override
    public Sample round(Budget budget, String label) throws InterruptedException {
        ThreadLoad load = new ThreadLoad("cupnet-load", (stopped) -> {
            this.sender.send(CupnetNodes.message(this.to, this.body, false));
            return true;
        });
        Sample sample = ThroughputRound.run(budget, label, this.received::get, load, this.bench.size());
        long failures = this.sender.stats().sendFailures().sum();
        if (failures > 0) {
            throw new IllegalStateException(label + ": " + failures + " send(s) failed");
        }
        return sample;
    }

}
