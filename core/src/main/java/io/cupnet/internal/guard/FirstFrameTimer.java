package io.cupnet.internal.guard;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.cupnet.metrics.DropReason;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Closes an inbound connection that delivers no complete frame within the first-frame
 * timeout of its accept (a slowloris, or a port scanner), then leaves the pipeline at the
 * first frame so that later frames do not pass through it.
 *
 * <p>Placed after the decoder: bytes that do not make a frame do not count. While reading
 * is paused for backpressure the timer starts over instead of closing the connection.
 */
public final class FirstFrameTimer extends ChannelInboundHandlerAdapter {

    private final long timeoutNanos;

    private final ConnectionGuard guard;

    private ScheduledFuture<?> timer;

    FirstFrameTimer(Duration timeout, ConnectionGuard guard) {
        this.timeoutNanos = timeout.toNanos();
        this.guard = guard;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        cancel();
        ctx.fireChannelRead(msg);
        if (ctx.pipeline().context(this) != null) {
            ctx.pipeline().remove(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void start(ChannelHandlerContext ctx) {
        if (this.timer == null) {
            this.timer = ctx.executor().schedule(() -> expire(ctx), this.timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        this.timer = null;
        if (!ctx.channel().isActive() || ctx.isRemoved()) {
            return;
        }
        if (!ctx.channel().config().isAutoRead()) {
            start(ctx);
            return;
        }
        this.guard.drop(ctx.channel(), DropReason.FIRST_FRAME_TIMEOUT, "no complete frame within "
                + TimeUnit.NANOSECONDS.toMillis(this.timeoutNanos) + " ms of accept; raise "
                + "cupnet.connection.first-frame-timeout (option firstFrameTimeout) if peers are that slow", true);
    }

    private void cancel() {
        if (this.timer != null) {
            this.timer.cancel(false);
            this.timer = null;
        }
    }

}
