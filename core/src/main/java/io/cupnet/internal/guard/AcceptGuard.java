package io.cupnet.internal.guard;

import java.util.concurrent.atomic.AtomicInteger;

import io.cupnet.metrics.CupnetStats;
import io.cupnet.metrics.DropReason;
import io.cupnet.options.CupnetOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits on the server channel, before Netty registers an accepted connection: closes it at
 * once when its address is not allowed or the node already holds its maximum number of
 * inbound connections, so a refused connection costs no pipeline, buffer or event-loop work.
 */
public final class AcceptGuard extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(AcceptGuard.class);

    private final AllowedPeers allowedPeers;

    private final int maxConnections;

    private final CupnetStats stats;

    private final AtomicInteger open = new AtomicInteger();

    private final ChannelFutureListener onClose = (future) -> this.open.decrementAndGet();

    public AcceptGuard(CupnetOptions options, CupnetStats stats) {
        this.allowedPeers = AllowedPeers.parse(options.server().allowedPeers());
        this.maxConnections = options.server().maxConnections();
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        if (!this.allowedPeers.allows(child.remoteAddress())) {
            refuse(child, DropReason.NOT_ALLOWED, "not in the allowed peers " + this.allowedPeers
                    + "; add its range to option server.allowedPeers if it belongs");
            return;
        }
        if (this.open.incrementAndGet() > this.maxConnections) {
            this.open.decrementAndGet();
            refuse(child, DropReason.TOO_MANY_CONNECTIONS, this.maxConnections + " inbound connections are open, the "
                    + "maximum; raise option server.maxConnections if they are legitimate");
            return;
        }
        child.closeFuture().addListener(this.onClose);
        ctx.fireChannelRead(child);
    }

    /** Inbound connections currently accepted and not yet closed. */
    int openConnections() {
        return this.open.get();
    }

    private void refuse(Channel child, DropReason reason, String why) {
        this.stats.connectionsDropped(reason).increment();
        logger.warn("Refusing connection from {} ({}): {}", child.remoteAddress(), reason.tag(), why);
        child.unsafe().closeForcibly();
    }

}
