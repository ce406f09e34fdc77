package io.cupnet.internal.tls;

import java.nio.channels.ClosedChannelException;

import io.cupnet.metrics.CupnetStats;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits above the {@link io.netty.handler.ssl.SslHandler} of an accepted connection: writes the
 * {@link TlsSupport#GREETING} when the handshake succeeds, or logs one line and closes the
 * connection when it fails. Removes itself once the handshake is over.
 */
public final class TlsServerGreeting extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(TlsServerGreeting.class);

    private final CupnetStats stats;

    private boolean failed;

    TlsServerGreeting(CupnetStats stats) {
        this.stats = stats;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof SslHandshakeCompletionEvent completion)) {
            ctx.fireUserEventTriggered(event);
        }
        else if (completion.isSuccess()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(TlsSupport.GREETING));
            ctx.pipeline().remove(this);
        }
        else {
            onFailure(ctx, completion.cause());
        }
    }

    /** The error that follows a failed handshake was logged with it: close without a second line. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (this.failed) {
            ctx.close();
        }
        else {
            ctx.fireExceptionCaught(cause);
        }
    }

    private void onFailure(ChannelHandlerContext ctx, Throwable cause) {
        this.failed = true;
        this.stats.tlsHandshakeFailures().increment();
        if (cause instanceof ClosedChannelException) {
            logger.debug("Connection from {} closed during its TLS handshake", ctx.channel().remoteAddress());
        }
        else {
            logger.warn("Closing connection from {}: TLS handshake failed: {}", ctx.channel().remoteAddress(),
                    TlsSupport.describe(cause));
        }
        ctx.close();
    }

}
