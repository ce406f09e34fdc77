package io.cupnet.bench.netty;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Budget;
import io.cupnet.bench.LatencyRound;
import io.cupnet.bench.Sample;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;

/**
 * Baseline round trip: an application thread writes a frame and waits on a CompletableFuture that
 * the client's event loop completes when the server's echo (a frame of the same size) arrives.
 */
public final class NettyRtt extends BaselineContender {

    private final byte[] body;

    private volatile CompletableFuture<Void> pending;

    private Channel client;

    /** Creates the contender. */
    public NettyRtt(BenchOptions bench) {
        super(bench);
        this.body = Frames.body(bench.size());
    }

    @Override
    public String describe() {
        return BaselinePair.describe(this.bench, "1 application thread writes a request and waits for the echo "
                + "(CompletableFuture completed on the client event loop)");
    }

    @Override
    public void open() throws Exception {
        this.pair = new BaselinePair(this.bench);
        this.client = this.pair.connect(() -> new FrameCounter(this::echo), new FrameCounter((ctx, frames) -> {
            CompletableFuture<Void> waiting = this.pending;
            if (waiting != null) {
                waiting.complete(null);
            }
        }));
        requestOnce();
    }

    private void echo(ChannelHandlerContext ctx, int frames) {
        for (int i = 0; i < frames; i++) {
            ctx.write(Frames.frame(ctx.alloc(), this.body), ctx.voidPromise());
        }
        ctx.flush();
    }

    private void requestOnce() throws Exception {
        CompletableFuture<Void> reply = new CompletableFuture<>();
        this.pending = reply;
        this.client.writeAndFlush(Frames.frame(this.client.alloc(), this.body), this.client.voidPromise());
        reply.get(10, TimeUnit.SECONDS);
    }

    @Override
    public Sample round(Budget budget, String label) throws Exception {
        return LatencyRound.run(budget, label, this::requestOnce);
    }

}
