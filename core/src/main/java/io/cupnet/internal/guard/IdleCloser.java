package io.cupnet.internal.guard;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.cupnet.metrics.DropReason;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Closes a connection on which no byte went either way for the idle timeout.
 *
 * <p>Placed before the decoder, so partial frames count as traffic. A connection whose
 * reading is paused for backpressure is quiet by the node's choice and stays open.
 */
public final class IdleCloser extends IdleStateHandler {

    private final ConnectionGuard guard;

    IdleCloser(Duration timeout, ConnectionGuard guard) {
        super(false, 0, 0, timeout.toNanos(), TimeUnit.NANOSECONDS);
        this.guard = guard;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (event.state() != IdleState.ALL_IDLE || !ctx.channel().config().isAutoRead()) {
            return;
        }
        this.guard.drop(ctx.channel(), DropReason.IDLE_TIMEOUT, "no traffic either way for "
                + getAllIdleTimeInMillis() + " ms; raise or disable cupnet.connection.idle-timeout (option idleTimeout) "
                + "to keep quiet connections open", false);
    }

}
