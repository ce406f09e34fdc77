package io.cupnet.bench.cupnet;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.cupnet.CupMessage;
import io.cupnet.MessageHandler;
import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Budget;
import io.cupnet.bench.LatencyRound;
import io.cupnet.bench.Sample;

/**
 * cupnet round trip: one request outstanding; the receiver's handler replies by sending a message
 * of the same size back to {@code message.from()}, and the sender's handler completes the waiting request.
 */
public final class CupnetRtt extends CupnetPair {

    private volatile CompletableFuture<CupMessage> pending;

    /** Creates the contender. */
    public CupnetRtt(BenchOptions bench) {
        super(bench);
    }

    @Override
    public String describe() {
        return CupnetNodes.describePair(this.bench, "1 application thread sends a request and waits for the reply "
                + "(receiver handler replies with send(), sender handler completes a CompletableFuture)");
    }

    @Override
    public void open() throws Exception {
        MessageHandler replier = (message, acknowledgment) -> this.receiver
            .send(CupnetNodes.message(message.from(), this.body, false));
        startNodes(replier, (message, acknowledgment) -> {
            CompletableFuture<CupMessage> waiting = this.pending;
            if (waiting != null) {
                waiting.complete(message);
            }
        });
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

}
