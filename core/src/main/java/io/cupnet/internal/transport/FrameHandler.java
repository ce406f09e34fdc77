package io.cupnet.internal.transport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.cupnet.CorruptedFrameException;
import io.cupnet.CupMessage;
import io.cupnet.internal.guard.ConnectionGuard;
import io.cupnet.internal.wire.DecodedFrames;
import io.cupnet.metrics.CupnetStats;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection: counts and forwards decoded frames, and closes the
 * connection, with one log line per connection, when its input is malformed or it fails.
 *
 * <p>One instance per connection. Frames are handed on in batches, at the end of each read
 * or every {@link #MAX_BATCH} frames of a kind, so the receive queue is locked and the
 * counters are updated once per batch rather than once per frame; acks go first, in a
 * batch of their own.
 */
public final class FrameHandler extends ChannelInboundHandlerAdapter {

    /** The most frames held before they are handed on, which bounds how far a batch overshoots backpressure. */
    public static final int MAX_BATCH = 64;

    private static final Logger logger = LoggerFactory.getLogger(FrameHandler.class);

    private final ConnectionManager connections;

    private final FrameSink sink;

    private final CupnetStats stats;

    private final List<CupMessage> batch = new ArrayList<>();

    private final List<CupMessage> acks = new ArrayList<>();

    private int frames;

    private long bytes;

    /** Whether this read brought frames for the application: heartbeats alone are no activity. */
    private boolean framesRead;

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
        handOver();
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
        if (msg instanceof DecodedFrames read) {
            for (int i = 0; i < read.size(); i++) {
                onFrame(ctx, read.get(i));
            }
        }
        else {
            onFrame(ctx, (CupMessage) msg);
        }
    }

    private void onFrame(ChannelHandlerContext ctx, CupMessage frame) {
        this.frames++;
        this.framesRead = true;
        this.bytes += frame.frameLength(false);
        List<CupMessage> kind = frame.isAck() ? this.acks : this.batch;
        kind.add(frame);
        if (kind.size() == MAX_BATCH) {
            handOver();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        handOver();
        if (this.framesRead) {
            this.framesRead = false;
            Activity.touch(ctx.channel());
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        handOver();
    }

    /** Passes the frames read so far to the sink and adds them to the counters. */
    private void handOver() {
        if (this.frames == 0) {
            return;
        }
        this.stats.messagesReceived().add(this.frames);
        this.stats.bytesReceived().add(this.bytes);
        this.frames = 0;
        this.bytes = 0;
        if (!this.acks.isEmpty()) {
            this.sink.onAcks(this.acks);
            this.acks.clear();
        }
        if (!this.batch.isEmpty()) {
            this.sink.onFrames(this.batch);
            this.batch.clear();
        }
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
