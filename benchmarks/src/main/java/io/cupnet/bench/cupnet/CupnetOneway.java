package io.cupnet.bench.cupnet;

import java.util.concurrent.atomic.AtomicLong;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Budget;
import io.cupnet.bench.Sample;
import io.cupnet.bench.ThreadLoad;
import io.cupnet.bench.ThroughputRound;

/**
 * cupnet one-way: a sender node sends plain messages to a receiver node, whose handler counts them.
 * With {@code listener}, the receiver is a Spring context whose {@code @MessageListener} method counts them.
 */
public final class CupnetOneway extends CupnetPair {

    private final boolean listener;

    private final AtomicLong received = new AtomicLong();

    private SpringListenerNode listenerNode;

    /**
     * Creates the contender.
     * @param bench the options
     * @param listener whether messages go through the starter's listener path, as the listener scenario does
     */
    public CupnetOneway(BenchOptions bench, boolean listener) {
        super(bench);
        this.listener = listener;
    }

    @Override
    public String describe() {
        return CupnetNodes.describePair(this.bench, "load from 1 application thread calling send()")
                + (this.listener ? "; the receiver is a Spring context with cupnet's auto-configuration, whose "
                        + "@MessageListener method takes the body as byte[] and counts it (no meter registry)" : "");
    }

    @Override
    public void open() throws InterruptedException {
        if (this.listener) {
            this.listenerNode = SpringListenerNode.start(this.bench, this.received);
            startSender(this.listenerNode.center(), NO_OP);
        }
        else {
            startNodes((message, acknowledgment) -> this.received.incrementAndGet(), NO_OP);
        }
        this.sender.send(CupnetNodes.message(this.to, this.body, false));
        CupnetNodes.await(() -> this.received.get() == 1, "the first message arrived");
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

    /** The Spring context stops the receiver it owns, as at an application's shutdown. */
    @Override
    public void close() {
        if (this.listenerNode == null) {
            super.close();
            return;
        }
        CupnetNodes.closeAll(this.sender);
        this.listenerNode.close();
    }

}
