package io.cupnet.bench.netty;

import java.util.concurrent.atomic.AtomicLong;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Budget;
import io.cupnet.bench.Sample;
import io.cupnet.bench.ThroughputRound;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;

/**
 * Baseline need-ack: the server answers every frame with a 65-byte ack frame (the size of a cupnet
 * ack), the client keeps at most {@code --window} frames un-acked and counts the acks.
 */
public final class NettyNeedAck extends BaselineContender {

    private final AtomicLong acked = new AtomicLong();

    private final byte[] ackBody = Frames.body(Frames.ACK_FRAME_SIZE);

    private NettyPump pump;

    /** Creates the contender. */
    public NettyNeedAck(BenchOptions bench) {
        super(bench);
    }

    @Override
    public String describe() {
        return BaselinePair.describe(this.bench, "client event loop keeps " + this.bench.window()
                + " frames un-acked; server writes one ack frame per frame from its event loop");
    }

    @Override
    public void open() {
        this.pair = new BaselinePair(this.bench);
        this.pump = new NettyPump(Frames.body(this.bench.size()), this.bench.window());
        this.pair.connect(() -> new FrameCounter(this::ack), new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new FrameCounter((ctx, frames) -> {
                    NettyNeedAck.this.acked.addAndGet(frames);
                    NettyNeedAck.this.pump.onAcks(frames);
                }), NettyNeedAck.this.pump);
            }
        });
    }

    private void ack(ChannelHandlerContext ctx, int frames) {
        for (int i = 0; i < frames; i++) {
            ctx.write(Frames.frame(ctx.alloc(), this.ackBody), ctx.voidPromise());
        }
        ctx.flush();
    }

    @Override
    public Sample round(Budget budget, String label) throws InterruptedException {
        return ThroughputRound.run(budget, label, this.acked::get, this.pump, this.bench.size());
    }

}
