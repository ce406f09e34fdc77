package io.cupnet.internal.tls;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.cupnet.metrics.CupnetStats;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Sits above the {@link io.netty.handler.ssl.SslHandler} of an outbound connection and completes
 * {@link #confirmed()} when the server's {@link TlsSupport#GREETING} arrives, which it takes off
 * the stream; fails it, and closes the connection, when the handshake fails, the server refuses
 * this node's certificate, closes, or stays silent past the handshake timeout.
 */
public final class TlsClientGreeting extends ChannelInboundHandlerAdapter {

    private final Duration timeout;

    private final CupnetStats stats;

    private ChannelPromise confirmed;

    private ByteBuf received;

    private boolean handshaken;

    private ScheduledFuture<?> timer;

    TlsClientGreeting(Duration timeout, CupnetStats stats) {
        this.timeout = timeout;
        this.stats = stats;
    }

    /** Completes when the server confirmed the handshake; fails with a {@link TlsHandshakeException}. */
    ChannelFuture confirmed() {
        return this.confirmed;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.confirmed = ctx.newPromise();
        this.received = ctx.alloc().buffer(TlsSupport.GREETING.length);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.timer = ctx.executor().schedule(() -> fail(ctx, "no confirmation from the peer within "
                + this.timeout.toMillis() + " ms (is it a cupnet node with TLS on?)", null),
                this.timeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof SslHandshakeCompletionEvent completion)) {
            ctx.fireUserEventTriggered(event);
        }
        else if (completion.isSuccess()) {
            this.handshaken = true;
            readIfPaused(ctx);
        }
        else {
            fail(ctx, TlsSupport.describe(completion.cause()), completion.cause());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        try {
            this.received.writeBytes(bytes, Math.min(bytes.readableBytes(), this.received.writableBytes()));
            if (this.received.isWritable()) {
                readIfPaused(ctx);
                return;
            }
            if (!isGreeting(this.received)) {
                fail(ctx, "the peer sent something other than the cupnet TLS greeting (is it a cupnet node?)", null);
                return;
            }
            confirm(ctx);
            if (bytes.isReadable()) {
                ctx.fireChannelRead(bytes.retain());
            }
        }
        finally {
            bytes.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, this.handshaken ? "the peer closed the connection after the handshake: it refused this node's "
                + "certificate or is not a cupnet node" : TlsSupport.describe(new ClosedChannelException()), null);
        ctx.fireChannelInactive();
    }

    /** Before the confirmation, an error fails it; the error that follows a failure is not logged again. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (this.confirmed.isSuccess()) {
            ctx.fireExceptionCaught(cause);
        }
        else if (!this.confirmed.isDone()) {
            fail(ctx, TlsSupport.describe(cause), cause);
        }
        else {
            ctx.close();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        this.received.release();
        if (this.timer != null) {
            this.timer.cancel(false);
        }
    }

    private static boolean isGreeting(ByteBuf bytes) {
        for (int i = 0; i < TlsSupport.GREETING.length; i++) {
            if (bytes.getByte(bytes.readerIndex() + i) != TlsSupport.GREETING[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads on even while the node pauses reading, so that a backlog of frames cannot stall a handshake. */
    private static void readIfPaused(ChannelHandlerContext ctx) {
        if (!ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
    }

    private void confirm(ChannelHandlerContext ctx) {
        this.confirmed.trySuccess();
        ctx.pipeline().remove(this);
    }

    private void fail(ChannelHandlerContext ctx, String reason, Throwable cause) {
        // Counted first: failing the promise runs the listeners that fail the sends.
        if (!this.confirmed.isDone()) {
            this.stats.tlsHandshakeFailures().increment();
            this.confirmed.tryFailure(new TlsHandshakeException(ctx.channel().remoteAddress(), reason, cause));
            ctx.close();
        }
    }

}
