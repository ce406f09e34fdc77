package io.cupnet.internal.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.cupnet.CupMessage;
import io.cupnet.MessageFlags;
import io.cupnet.MessageTypes;
import io.cupnet.PeerAddress;
import io.cupnet.internal.wire.UniqIdGenerator;
import io.cupnet.metrics.CupnetStats;
import io.cupnet.options.CupnetOptions;
import io.netty.channel.ChannelHandler;

/**
 * CUP heartbeats of one message center: builds the {@link HeartbeatHandler} of each
 * connection and holds what they share.
 *
 * <p>Every connection answers a peer's {@code HEART_BEAT} (type 1) with an
 * {@code ACK_HEART_BEAT} (type 6) on the same connection, whether or not this node sends
 * heartbeats itself. When the heartbeat interval is set, each outbound connection also sends
 * one every interval it received no application frame, measures the round trip, and closes
 * when its peer stays silent for {@code heartbeatMisses} intervals. Heartbeat frames carry
 * {@link MessageFlags#URGENT} alone and never reach the message handler; see
 * {@link #isHeartbeatFrame(CupMessage)}.
 *
 * <p>Python CUP's library neither sends nor answers heartbeats: it passes type-1 frames to the
 * application's {@code handle()}, and an application that answers does so with {@code post_msg},
 * over its own connection to this node's listening port. Such an answer is matched here to the
 * outbound connection to its {@code from} address.
 */
public final class Heartbeats {

    private final Duration interval;

    private final int misses;

    private final Duration idleTimeout;

    private final CupnetStats stats;

    private final Supplier<PeerAddress> localAddress;

    private final UniqIdGenerator uniqIds = new UniqIdGenerator();

    private final Map<Long, HeartbeatHandler> senders = new ConcurrentHashMap<>();

    public Heartbeats(CupnetOptions options, CupnetStats stats, Supplier<PeerAddress> localAddress) {
        this.interval = options.heartbeat().interval();
        this.misses = options.heartbeat().misses();
        this.idleTimeout = options.connection().idleTimeout();
        this.stats = stats;
        this.localAddress = localAddress;
    }

    /** The handler of a new connection: it answers heartbeats, and sends them on an outbound one when enabled. */
    public ChannelHandler newHandler(boolean inbound) {
        return new HeartbeatHandler(this, !inbound && isEnabled());
    }

    boolean isEnabled() {
        return !this.interval.isZero();
    }

    Duration interval() {
        return this.interval;
    }

    int misses() {
        return this.misses;
    }

    /**
     * Whether a connection whose last application frame went either way at {@code lastActivity}
     * should still send heartbeats: not once it has been quiet for the idle timeout, so that the
     * idle timeout can close it (heartbeat bytes count as traffic for it).
     */
    boolean keepsAlive(Instant lastActivity) {
        return this.idleTimeout.isZero() || lastActivity == null
                || Duration.between(lastActivity, Instant.now()).compareTo(this.idleTimeout) < 0;
    }

    CupnetStats stats() {
        return this.stats;
    }

    /**
     * Whether a frame is a heartbeat or its answer: type 1 or 6 with the urgent flag, as CUP
     * applications send them, and neither need-ack nor ack. Other frames of these types are the
     * application's own and reach its handler.
     */
    static boolean isHeartbeatFrame(CupMessage frame) {
        return (frame.type() == MessageTypes.HEART_BEAT || frame.type() == MessageTypes.ACK_HEART_BEAT)
                && (frame.flags() & (MessageFlags.URGENT | MessageFlags.NEEDACK | MessageFlags.ACK))
                        == MessageFlags.URGENT;
    }

    CupMessage heartbeat(PeerAddress to) {
        return frame(MessageTypes.HEART_BEAT, from(null), to).uniqId(this.uniqIds.next()).build();
    }

    CupMessage answer(CupMessage heartbeat) {
        return frame(MessageTypes.ACK_HEART_BEAT, from(heartbeat.to()), heartbeat.from())
            .uniqId(heartbeat.uniqId())
            .build();
    }

    void register(PeerAddress peer, HeartbeatHandler handler) {
        this.senders.put(peer.endpointKey(), handler);
    }

    void unregister(PeerAddress peer, HeartbeatHandler handler) {
        this.senders.remove(peer.endpointKey(), handler);
    }

    /** Hands an answer that came over another connection to the outbound connection to its sender. */
    void routeAnswer(CupMessage answer) {
        HeartbeatHandler sender = (answer.from() != null) ? this.senders.get(answer.from().endpointKey()) : null;
        if (sender != null) {
            sender.onAnswerFromElsewhere(answer);
        }
    }

    private PeerAddress from(PeerAddress claimed) {
        PeerAddress local = this.localAddress.get();
        if (local == null) {
            return claimed;
        }
        return (claimed != null) ? local.withSubEndpoint(claimed.stub(), claimed.future()) : local;
    }

    private static CupMessage.Builder frame(int type, PeerAddress from, PeerAddress to) {
        return CupMessage.builder().flags(MessageFlags.URGENT).type(type).from(from).to(to);
    }

}
