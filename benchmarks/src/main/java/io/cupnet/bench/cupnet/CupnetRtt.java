package io.cupnet.bench.cupnet;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Budget;
import io.cupnet.bench.Contender;
import io.cupnet.bench.LatencyRound;
import io.cupnet.bench.Sample;
import io.cupnet.transport.MessageCenter;
import io.cupnet.wire.CupMessage;
import io.cupnet.wire.PeerAddress;

/**
 * cupnet round trip: one request outstanding; the receiver's handler replies by sending a message
 * of the same size back to {@code message.from()}, and the sender's handler completes the waiting request.
 */
public final class CupnetRtt implements Contender {

    private final BenchOptions bench;

    private final byte[] body;

    private volatile CompletableFuture<CupMessage> pending;

    private MessageCenter receiver;

    private MessageCenter sender;

    private PeerAddress to;

    /** Creates the contender. */
    public CupnetRtt(BenchOptions bench) {
        this.bench = bench;
        this.body = CupnetNodes.body(bench.size());
    }

    @Override
    public String name() {
        return "cupnet";
    }

    @Override
    public String describe() {
        return CupnetNodes.describePair(this.bench, "1 application thread sends a request and waits for the reply "
                + "(receiver handler replies with send(), sender handler completes a CompletableFuture)");
    }

    @Override
    public void open() throws Exception {
        this.receiver = CupnetNodes.start(this.bench, (message, acknowledgment) -> this.receiver
            .send(CupnetNodes.message(message.from(), this.body, false)));
        this.sender = CupnetNodes.start(this.bench, (message, acknowledgment) -> {
            CompletableFuture<CupMessage> waiting = this.pending;
            if (waiting != null) {
                waiting.complete(message);
            }
        });
        this.to = this.receiver.localAddress();
        requestOnce();
    }

    private void requestOnce() throws Exception {
        CompletableFuture<CupMessage> reply = new CompletableFuture<>();
        this.pending = reply;
        this.sender.send(CupnetNodes.message(this.to, this.body, false));
        reply.get(10, TimeUnit.SECONDS);
    }

    @Override
    public Sample round(Budget budget, String label) throws Exception {
        return LatencyRound.run(budget, label, this::requestOnce);
    }

    @Override
    public void close() {
        CupnetNodes.closeAll(this.sender, this.receiver);
    }

}
