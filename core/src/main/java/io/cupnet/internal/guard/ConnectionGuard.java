package io.cupnet.internal.guard;

import java.time.Duration;
import java.util.function.Function;

import io.cupnet.metrics.CupnetStats;
import io.cupnet.metrics.DropReason;
import io.cupnet.options.CupnetOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds to each connection the handlers that close it when it stays silent or speaks for
 * another peer: an {@link IdleCloser} before the decoder when an idle timeout is set, a
 * {@link FirstFrameTimer} after it on inbound connections, and a {@link ClaimGuard} before the
 * pipeline's {@code "heartbeat"}; and reports each close once.
 *
 * <p>A connection is reported at most once: the first reason to close it is logged and
 * counted, and whatever follows from that close (a truncated frame, a reset) is not.
 */
public final class ConnectionGuard {

    private static final Logger logger = LoggerFactory.getLogger(ConnectionGuard.class);

    private static final AttributeKey<Boolean> REPORTED = AttributeKey.valueOf("cupnet.closeReported");

    private final Duration idleTimeout;

    private final Duration firstFrameTimeout;

    private final AllowedPeers trustedProxies;

    private final CupnetStats stats;

    private final Function<Channel, String> describer;

    public ConnectionGuard(CupnetOptions options, CupnetStats stats, Function<Channel, String> describer) {
        this.idleTimeout = options.connection().idleTimeout();
        this.firstFrameTimeout = options.connection().firstFrameTimeout();
        this.trustedProxies = AllowedPeers.parse("server.trustedProxies", options.server().trustedProxies());
        this.stats = stats;
        this.describer = describer;
    }

    /** Adds the guard handlers around the pipeline's {@code "decoder"} and before its {@code "heartbeat"}. */
    public void install(Channel channel, boolean inbound) {
        ChannelPipeline pipeline = channel.pipeline();
        if (!this.idleTimeout.isZero()) {
            pipeline.addBefore("decoder", "idle", new IdleCloser(this.idleTimeout, this));
        }
        if (inbound && !this.firstFrameTimeout.isZero()) {
            pipeline.addAfter("decoder", "first-frame", new FirstFrameTimer(this.firstFrameTimeout, this));
        }
        pipeline.addBefore("heartbeat", "claims", new ClaimGuard(this.trustedProxies, this));
    }

    /**
     * Whether this is the first report about the connection's end; later ones are not logged
     * or counted again.
     */
    public static boolean firstReport(Channel channel) {
        return channel.attr(REPORTED).setIfAbsent(Boolean.TRUE) == null;
    }

    /** Closes a connection the node gives up on, counting and logging why (once per connection). */
    void drop(Channel channel, DropReason reason, String why, boolean warn) {
        if (firstReport(channel)) {
            this.stats.connectionsDropped(reason).increment();
            String description = this.describer.apply(channel);
            if (warn) {
                logger.warn("Closing connection {} ({}): {}", description, reason.tag(), why);
            }
            else {
                logger.info("Closing connection {} ({}): {}", description, reason.tag(), why);
            }
        }
        channel.close();
    }

}
