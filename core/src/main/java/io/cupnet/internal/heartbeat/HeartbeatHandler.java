package io.cupnet.internal.heartbeat;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.cupnet.CupMessage;
import io.cupnet.MessageTypes;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.internal.transport.Activity;
import io.cupnet.internal.wire.DecodedFrames;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's heartbeats: answers the peer's, takes answers out of the frame stream
 * and, on an outbound connection with heartbeats enabled, sends one every interval in which
 * no application frame arrived and closes the connection when the peer stays silent.
 *
 * <p>A silent interval is counted as a miss only while the connection is writable: when
 * writes back up the peer is slow rather than gone, and TCP itself reports a dead one.
 * All state is confined to the channel's event loop.
 */
public final class HeartbeatHandler extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(HeartbeatHandler.class);

    private final Heartbeats heartbeats;

    private final boolean sending;

    private ChannelHandlerContext ctx;

    private PeerAddress peer;

    private ScheduledFuture<?> tick;

    private UniqId awaitedId;

    private long awaitedSentAt;

    private boolean awaiting;

    private boolean heard;

    private boolean applicationFrameSinceTick;

    private int misses;

    private boolean answersDroppedReported;

    HeartbeatHandler(Heartbeats heartbeats, boolean sending) {
        this.heartbeats = heartbeats;
        this.sending = sending;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (this.sending && ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
            this.ctx = ctx;
            this.peer = PeerAddress.of(remote);
            this.heartbeats.register(this.peer, this);
            scheduleTick();
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        this.heard = true;
        if (msg instanceof DecodedFrames frames) {
            frames.removeIf((frame) -> takeHeartbeat(ctx, frame));
            if (!frames.isEmpty()) {
                this.applicationFrameSinceTick = true;
                ctx.fireChannelRead(frames);
            }
        }
        else if (!takeHeartbeat(ctx, (CupMessage) msg)) {
            this.applicationFrameSinceTick = true;
            ctx.fireChannelRead(msg);
        }
    }

    /** Answers or takes in a heartbeat frame; false for an application frame, which is left to pass on. */
    private boolean takeHeartbeat(ChannelHandlerContext ctx, CupMessage frame) {
        if (!Heartbeats.isHeartbeatFrame(frame)) {
            return false;
        }
        if (frame.type() == MessageTypes.HEART_BEAT) {
            answer(ctx, frame);
        }
        else if (this.sending) {
            onAnswer(frame);
        }
        else {
            this.heartbeats.routeAnswer(frame);
        }
        return true;
    }

    /**
     * Answers a heartbeat while the connection is writable; otherwise the peer does not read what it is sent, and
     * the answer is dropped and counted rather than buffered, logged once per connection.
     */
    private void answer(ChannelHandlerContext ctx, CupMessage heartbeat) {
        if (ctx.channel().isWritable()) {
            this.heartbeats.stats().heartbeatsReplied().increment();
            ctx.writeAndFlush(this.heartbeats.answer(heartbeat), ctx.voidPromise());
            return;
        }
        this.heartbeats.stats().heartbeatAnswersDropped().increment();
        if (!this.answersDroppedReported) {
            this.answersDroppedReported = true;
            logger.info("Not answering heartbeats on connection {} ({}) while it is not writable: the peer does not "
                    + "read what this node writes; its heartbeats are dropped and counted",
                    ctx.channel().remoteAddress(), heartbeat.from());
        }
    }

    /** An answer to this connection's heartbeat that its peer sent over another connection. */
    void onAnswerFromElsewhere(CupMessage answer) {
        this.ctx.executor().execute(() -> {
            this.heard = true;
            onAnswer(answer);
        });
    }

    private void onAnswer(CupMessage answer) {
        this.heartbeats.stats().heartbeatsAnswered().increment();
        if (this.awaiting && answer.uniqId().equals(this.awaitedId)) {
            this.awaiting = false;
            this.heartbeats.stats().roundTripTimes().record(this.peer, System.nanoTime() - this.awaitedSentAt);
        }
    }

    private void onTick() {
        if (!this.ctx.channel().isActive()) {
            return;
        }
        if (this.awaiting && !this.heard) {
            if (this.ctx.channel().isWritable()) {
                this.misses++;
            }
            if (this.misses >= this.heartbeats.misses()) {
                closeSilent();
                return;
            }
        }
        else {
            this.misses = 0;
            this.awaiting = false;
        }
        if (!this.applicationFrameSinceTick && this.heartbeats.keepsAlive(Activity.lastOf(this.ctx.channel()))) {
            send();
        }
        this.applicationFrameSinceTick = false;
        scheduleTick();
    }

    private void send() {
        CupMessage heartbeat = this.heartbeats.heartbeat(this.peer);
        this.awaitedId = heartbeat.uniqId();
        this.awaitedSentAt = System.nanoTime();
        this.awaiting = true;
        this.heard = false;
        this.heartbeats.stats().heartbeatsSent().increment();
        this.ctx.writeAndFlush(heartbeat, this.ctx.voidPromise());
    }

    private void closeSilent() {
        this.heartbeats.stats().heartbeatTimeouts().increment();
        logger.warn("Closing connection to {}: no frame received for {} heartbeat interval(s) of {} ms; the "
                + "connection is half-open or the peer does not answer heartbeats (raise option heartbeat.misses, "
                + "or set option heartbeat.interval to 0 when peers cannot answer them)", this.peer, this.misses,
                this.heartbeats.interval().toMillis());
        this.ctx.close();
    }

    private void scheduleTick() {
        this.tick = this.ctx.executor().schedule(this::onTick, this.heartbeats.interval().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void stop() {
        if (this.tick != null) {
            this.tick.cancel(false);
            this.tick = null;
        }
        if (this.peer != null) {
            this.heartbeats.unregister(this.peer, this);
        }
    }

}
