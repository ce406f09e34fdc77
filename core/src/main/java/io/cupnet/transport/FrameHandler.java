package io.cupnet.transport;

import java.io.IOException;

import io.cupnet.metrics.CupnetStats;
import io.cupnet.wire.CorruptedFrameException;
import io.cupnet.wire.CupMessage;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every connection: counts and forwards decoded frames, and closes
 * the connection, with one log line per connection, when its input is malformed or it fails.
 */
@Sharable
final class FrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(FrameHandler.class);

    private final ConnectionManager connections;

    private final FrameSink sink;

    private final CupnetStats stats;

    FrameHandler(ConnectionManager connections, FrameSink sink, CupnetStats stats) {
        this.connections = connections;
        this.sink = sink;
        this.stats = stats;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.stats.connectionsOpened().increment();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        this.stats.connectionsClosed().increment();
        super.channelInactive(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        PeerConnection peer = ctx.channel().attr(ConnectionManager.PEER_CONNECTION).get();
        if (peer != null && ctx.channel().isWritable()) {
            peer.scheduleDrain();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        CupMessage frame = (CupMessage) msg;
        this.stats.messagesReceived().increment();
        this.stats.bytesReceived().add(frame.frameLength(false));
        this.connections.learnListenedPeer(ctx.channel(), frame.from());
        this.sink.onFrame(ctx.channel(), frame);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ConnectionGuard.firstReport(ctx.channel())) {
            report(ctx, cause);
        }
        else {
            logger.debug("Connection {} already closing; ignoring {}", describe(ctx), cause.toString());
        }
        ctx.close();
    }

    /** One line per connection: the reason and the peer, never a stack trace above debug level. */
    private void report(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedFrameException corrupted) {
            this.stats.framesRejected(corrupted.reason()).increment();
            logger.warn("Closing connection {} ({}): {}", describe(ctx), corrupted.reason().tag(), corrupted.getMessage());
        }
        else if (cause instanceof IOException || cause instanceof DecoderException) {
            logger.info("Closing connection {}: {}", describe(ctx), cause.toString());
        }
        else {
            logger.warn("Closing connection {} after an unexpected error: {}", describe(ctx), cause.toString());
            logger.debug("Unexpected error on connection {}", describe(ctx), cause);
        }
    }

    private String describe(ChannelHandlerContext ctx) {
        return this.connections.describe(ctx.channel());
    }

}
