package io.cupnet.bench.amqp;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Budget;
import io.cupnet.bench.Contender;
import io.cupnet.bench.Sample;
import io.cupnet.bench.ThreadLoad;
import io.cupnet.bench.ThroughputRound;
import io.cupnet.bench.cupnet.CupnetNodes;

/**
 * What both broker contenders share: a sending side and a receiving side on one broker, each with its own
 * connection; the load ({@link WindowedSender}); and the count of finished messages. A one-way message is
 * finished once the broker confirmed it to its sender and the receiver handled it; a need-ack message once
 * its sender got the receiver's ack. Any failed message fails the round.
 */
abstract class BrokerContender implements Contender, WindowedSender.Send {

    protected final BenchOptions bench;

    protected final AmqpBroker broker;

    /** Whether messages ask for the receiver's ack: amqp-needack. */
    protected final boolean needAck;

    /** The body of every message: {@code --size} bytes. */
    protected final byte[] body;

    /** The topic (or queue name part) this contender alone uses on the broker. */
    protected final String topic = "bench-" + UUID.randomUUID().toString().substring(0, 8);

    /** One-way messages the broker confirmed to the sender. */
    protected final AtomicLong confirmed = new AtomicLong();

    /** Messages the receiver handled. */
    protected final AtomicLong handled = new AtomicLong();

    /** Need-ack messages whose ack reached the sender. */
    protected final AtomicLong acked = new AtomicLong();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    protected BrokerContender(BenchOptions bench, AmqpBroker broker) {
        this.bench = bench;
        this.broker = broker;
        this.needAck = bench.scenario().equals("amqp-needack");
        this.body = new byte[bench.size()];
        for (int i = 0; i < this.body.length; i++) {
            this.body[i] = (byte) i;
        }
    }

    /** Starts the receiving side, then the sending side. */
    protected abstract void start() throws Exception;

    @Override
    public final void open() throws Exception {
        start();
        sendOne();
        CupnetNodes.await(() -> finished() == 1 || this.failure.get() != null, "the first message finished");
        checkFailure();
    }

    @Override
    public final Sample round(Budget budget, String label) throws InterruptedException {
        ThreadLoad load = new ThreadLoad(name() + "-load", new WindowedSender(this.bench.window(), this::finished,
                this));
        Sample sample = ThroughputRound.run(budget, label, this::finished, load, this.bench.size());
        checkFailure();
        return sample;
    }

    /** The messages finished so far, see the class comment. */
    private long finished() {
        return this.needAck ? this.acked.get() : Math.min(this.confirmed.get(), this.handled.get());
    }

    /** Records the first failed message, which fails the round. */
    protected final void failed(Throwable cause) {
        this.failure.compareAndSet(null, cause);
    }

    @Override
    public final void checkFailure() {
        Throwable cause = this.failure.get();
        if (cause != null) {
            throw new IllegalStateException(this.bench.scenario() + " " + name() + ": a send failed: " + cause, cause);
        }
    }

    /** The load and the window, for the report. */
    protected String describeLoad() {
        return "1 application thread keeping at most " + this.bench.window() + " messages in flight ("
                + (this.needAck ? "until the sender got the ack" : "until confirmed to the sender and handled")
                + "; it polls every 1 ms while the window is full)";
    }

}
