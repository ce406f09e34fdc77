package io.cupnet.bench.netty;

import java.util.concurrent.ExecutionException;

import io.cupnet.bench.ThroughputRound;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The baseline's sender: on the client's event loop, writes frames while the channel is writable
 * (and, with a window, while fewer than {@code window} frames wait for their ack), flushing once per
 * batch; resumes when the channel becomes writable again or acks arrive.
 */
public final class NettyPump extends ChannelInboundHandlerAdapter implements ThroughputRound.Load {

    private static final int BATCH = 256;

    private final byte[] body;

    private final long window;

    private final Runnable pumpTask = this::pump;

    private Channel channel;

    private volatile boolean stopped = true;

    private long limit;

    private long sent;

    private long acked;

    /**
     * Creates a pump.
     * @param body the body of every frame
     * @param window frames that may wait for their ack, or {@link Long#MAX_VALUE} when nothing is acked
     */
    public NettyPump(byte[] body, long window) {
        this.body = body;
        this.window = window;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.channel = ctx.channel();
    }

    @Override
    public void start(long limit) {
        this.channel.eventLoop().execute(() -> {
            this.limit = limit;
            this.sent = 0;
            this.acked = 0;
            this.stopped = false;
            pump();
        });
    }

    @Override
    public void stop() {
        this.stopped = true;
    }

    @Override
    public long awaitStopped() throws InterruptedException {
        try {
            return this.channel.eventLoop().submit(() -> this.sent).get();
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException(ex.getCause());
        }
    }

    /** Counts acks that arrived; on the event loop. */
    public void onAcks(int count) {
        this.acked += count;
        pump();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            pump();
        }
        super.channelWritabilityChanged(ctx);
    }

    private void pump() {
        if (this.stopped) {
            return;
        }
        Channel current = this.channel;
        int batch = 0;
        while (batch < BATCH && this.sent < this.limit && this.sent - this.acked < this.window && current.isWritable()) {
            current.write(Frames.frame(current.alloc(), this.body), current.voidPromise());
            this.sent++;
            batch++;
        }
        if (batch > 0) {
            current.flush();
        }
        if (batch == BATCH) {
            current.eventLoop().execute(this.pumpTask);
        }
    }

}
