package io.cupnet.internal.transport;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cupnet.PeerAddress;
import io.cupnet.internal.ack.PendingAckLimits;
import io.cupnet.internal.dispatch.ReceiveQueue;
import io.cupnet.internal.guard.AcceptGuard;
import io.cupnet.internal.guard.ClaimGuard;
import io.cupnet.internal.guard.ConnectionGuard;
import io.cupnet.internal.heartbeat.Heartbeats;
import io.cupnet.internal.tls.TlsSupport;
import io.cupnet.internal.wire.CupFrameDecoder;
import io.cupnet.internal.wire.CupFrameEncoder;
import io.cupnet.metrics.CupnetStats;
import io.cupnet.options.Backoff;
import io.cupnet.options.CupnetOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every connection of a message center: the outbound one per peer (a
 * {@link PeerConnection}, keyed by the peer's ip and port) and the inbound ones its
 * server accepts, whose peer's listening address is learnt from their first frame (see
 * {@link ClaimGuard}: a connection speaks for one peer).
 *
 * <p>It keeps state for at most {@code connection.maxPeers} peers, and forgets a peer that has
 * nothing queued, no ack pending and no connection once it stayed so for
 * {@code connection.peerIdleTimeout}. It also pauses and resumes reading on all connections
 * for the receive queue.
 */
public final class ConnectionManager implements PeerConnection.Connector, ReceiveQueue.Backpressure {

    private static final Logger logger = LoggerFactory.getLogger(ConnectionManager.class);

    /** The shortest and longest time between two sweeps for idle peers. */
    private static final long MIN_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private static final long MAX_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(30);

    static final AttributeKey<Boolean> INBOUND = AttributeKey.valueOf("cupnet.inbound");

    static final AttributeKey<PeerConnection> PEER_CONNECTION = AttributeKey.valueOf("cupnet.peerConnection");

    static final AttributeKey<PeerAddress> LISTENED_PEER = ClaimGuard.CLAIMED_PEER;

    private final CupnetOptions options;

    private final NettyTransport transport;

    private final EventLoopGroup group;

    private final CupnetStats stats;

    private final Settlements settlements;

    private final ChannelGroup channels = new DefaultChannelGroup("cupnet", GlobalEventExecutor.INSTANCE);

    private final Map<Long, PeerConnection> peers = new ConcurrentHashMap<>();

    /** Peers in {@link #peers}, counted against {@link #maxPeers}. */
    private final AtomicInteger peerCount = new AtomicInteger();

    private final int maxPeers;

    private final ScheduledFuture<?> peerSweep;

    private final FrameSink sink;

    private final ConnectionGuard guard;

    private final Heartbeats heartbeats;

    private final Bootstrap clientBootstrap;

    private final TlsSupport tls;

    private final PendingAckLimits ackLimits;

    /** The peer of the latest send, looked up without the map when the next send goes to the same peer. */
    private PeerConnection lastPeer;

    private volatile boolean readsPaused;

    /** Whether the peer limit was logged since the node last kept fewer peers than the limit. */
    private volatile boolean peerLimitReported;

    private volatile boolean closed;

    public ConnectionManager(CupnetOptions options, NettyTransport transport, EventLoopGroup group, CupnetStats stats,
            FrameSink sink, Settlements settlements, Heartbeats heartbeats, PendingAckLimits ackLimits) {
        this.options = options;
        this.transport = transport;
        this.group = group;
        this.stats = stats;
        this.settlements = settlements;
        this.sink = sink;
        this.guard = new ConnectionGuard(options, stats, this::describe);
        this.heartbeats = heartbeats;
        this.ackLimits = ackLimits;
        this.tls = (options.tls() != null) ? new TlsSupport(options.tls(), stats) : null;
        this.clientBootstrap = newClientBootstrap();
        this.maxPeers = options.connection().maxPeers();
        this.peerSweep = sweepIdlePeers(options.connection().peerIdleTimeout().toNanos());
    }

    /** A server bootstrap whose accepted connections join this manager. */
    public ServerBootstrap serverBootstrap() {
        ServerBootstrap bootstrap = new ServerBootstrap().group(this.group)
            .channel(this.transport.serverChannelClass())
            .handler(new AcceptGuard(this.options, this.stats))
            .childHandler(initializer(true));
        this.transport.applyServerOptions(this.options.socket(), bootstrap);
        this.transport.applySocketOptions(this.options.socket(), bootstrap::childOption);
        return bootstrap;
    }

    /**
     * The outbound connection to a peer, created on first use; {@code null} when the peer is new and the node
     * already keeps its maximum number of peers.
     */
    public PeerConnection peer(PeerAddress address) {
        PeerConnection last = this.lastPeer;
        if (last != null && last.peer().sameEndpoint(address) && !last.isRetired()) {
            return last;
        }
        PeerConnection existing = this.peers.get(address.endpointKey());
        if (existing == null) {
            existing = this.peers.computeIfAbsent(address.endpointKey(), (key) -> newPeer(address));
            if (existing == null) {
                refusePeer(address);
                return null;
            }
        }
        if (last != existing) {
            this.lastPeer = existing;
        }
        return existing;
    }

    /** The outbound connection to a peer if the node keeps state for it, else {@code null}; never creates one. */
    public PeerConnection find(PeerAddress address) {
        return this.peers.get(address.endpointKey());
    }

    private PeerConnection newPeer(PeerAddress address) {
        if (this.peerCount.incrementAndGet() > this.maxPeers) {
            this.peerCount.decrementAndGet();
            return null;
        }
        return new PeerConnection(address.withSubEndpoint(0, 0), this.group.next(),
                this.options.send().queueCapacity(), this, this.settlements, this.stats, this.ackLimits.newPeerSlots(),
                this.options.ack().maxQueuedPerPeer());
    }

    /** Counts a peer not kept, logging once until the node keeps fewer peers than the limit again. */
    private void refusePeer(PeerAddress address) {
        this.stats.peersRefused().increment();
        if (!this.peerLimitReported) {
            this.peerLimitReported = true;
            logger.warn("Not keeping state for peer {}: this node keeps {} peers, the maximum; sends to new peers "
                    + "fail with TOO_MANY_PEERS and acks to them are dropped until idle peers are forgotten (raise "
                    + "option connection.maxPeers if the fleet is that large, or lower option "
                    + "connection.peerIdleTimeout)", address, this.maxPeers);
        }
    }

    /** Need-ack messages to one peer that wait for their ack; 0 for a peer the node keeps no state for. */
    public int pendingAcks(PeerAddress address) {
        PeerConnection peer = find(address);
        return (peer != null) ? peer.pendingAckSlots().count() : 0;
    }

    /** Need-ack messages waiting for their ack, by peer, for every peer with at least one. */
    public Map<PeerAddress, Integer> pendingAcksByPeer() {
        Map<PeerAddress, Integer> pending = new LinkedHashMap<>();
        for (PeerConnection peer : this.peers.values()) {
            int count = peer.pendingAckSlots().count();
            if (count > 0) {
                pending.put(peer.peer(), count);
            }
        }
        return Collections.unmodifiableMap(pending);
    }

    /** Number of peers whose state the node keeps. */
    public int peerCount() {
        return this.peerCount.get();
    }

    @Override
    public PeerConnection successor(PeerAddress address) {
        return peer(address);
    }

    private ScheduledFuture<?> sweepIdlePeers(long idleNanos) {
        if (idleNanos == 0) {
            return null;
        }
        long period = Math.max(MIN_SWEEP_NANOS, Math.min(MAX_SWEEP_NANOS, idleNanos / 2));
        return this.group.next()
            .scheduleAtFixedRate(() -> sweep(idleNanos), period, period, TimeUnit.NANOSECONDS);
    }

    /** Has each peer's event loop forget the peer when it has been idle long enough. */
    private void sweep(long idleNanos) {
        if (this.peerCount.get() < this.maxPeers) {
            this.peerLimitReported = false;
        }
        for (Map.Entry<Long, PeerConnection> entry : this.peers.entrySet()) {
            PeerConnection peer = entry.getValue();
            try {
                peer.loop().execute(() -> forgetIfIdle(entry.getKey(), peer, idleNanos));
            }
            catch (RejectedExecutionException ex) {
                return;
            }
        }
    }

    private void forgetIfIdle(Long key, PeerConnection peer, long idleNanos) {
        if (peer.retireIfIdle(idleNanos) && this.peers.remove(key, peer)) {
            this.peerCount.decrementAndGet();
            this.stats.peersForgotten().increment();
            this.stats.roundTripTimes().forget(peer.peer());
            logger.debug("Forgot idle peer {}", peer.peer());
        }
    }

    public Collection<PeerConnection> peers() {
        return this.peers.values();
    }

    public ChannelGroup channels() {
        return this.channels;
    }

    /** Closes the outbound connection to a peer and every inbound one it opened. */
    public int closePeer(PeerAddress address) {
        int closed = 0;
        for (Channel channel : this.channels) {
            if (address.sameEndpoint(peerOf(channel))) {
                channel.close();
                closed++;
            }
        }
        return closed;
    }

    /** The peer a channel belongs to: its remote address when outbound, its listened peer when inbound. */
    PeerAddress peerOf(Channel channel) {
        if (channel.hasAttr(INBOUND)) {
            return channel.attr(LISTENED_PEER).get();
        }
        return (channel.remoteAddress() instanceof InetSocketAddress remote) ? PeerAddress.of(remote) : null;
    }

    /** A short description of a connection for log lines: direction, remote address and listened peer. */
    String describe(Channel channel) {
        boolean inbound = channel.hasAttr(INBOUND);
        PeerAddress listened = inbound ? channel.attr(LISTENED_PEER).get() : null;
        return (inbound ? "from " : "to ") + channel.remoteAddress()
                + ((listened != null) ? " (peer listening at " + listened + ")" : "");
    }

    @Override
    public ChannelFuture connect(PeerAddress peer, EventLoop loop) {
        Bootstrap bootstrap = this.clientBootstrap.clone(loop);
        return (this.tls != null) ? this.tls.connect(bootstrap, peer) : bootstrap.connect(peer.toSocketAddress());
    }

    @Override
    public Backoff backoff() {
        return this.options.connect().backoff();
    }

    @Override
    public boolean isClosed() {
        return this.closed;
    }

    @Override
    public void pauseReading() {
        this.readsPaused = true;
        this.stats.readPauses().increment();
        this.channels.forEach((channel) -> channel.config().setAutoRead(false));
    }

    @Override
    public void resumeReading() {
        this.readsPaused = false;
        this.channels.forEach((channel) -> channel.config().setAutoRead(true));
    }

    public boolean isReadingPaused() {
        return this.readsPaused;
    }

    /** Stops reconnecting and closes every connection. */
    public ChannelGroupFuture close() {
        this.closed = true;
        if (this.peerSweep != null) {
            this.peerSweep.cancel(false);
        }
        return this.channels.close();
    }

    private Bootstrap newClientBootstrap() {
        Bootstrap bootstrap = new Bootstrap().group(this.group)
            .channel(this.transport.channelClass())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.options.connect().timeout().toMillis())
            .handler(initializer(false));
        this.transport.applySocketOptions(this.options.socket(), bootstrap::option);
        return bootstrap;
    }

    private ChannelInitializer<Channel> initializer(boolean inbound) {
        int maxFrameSize = this.options.transport().maxFrameSize();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                if (inbound) {
                    channel.attr(INBOUND).set(Boolean.TRUE);
                }
                channel.attr(Activity.KEY).set(new Activity());
                channel.pipeline()
                    .addLast("decoder", new CupFrameDecoder(maxFrameSize, true))
                    .addLast("encoder", new CupFrameEncoder())
                    .addLast("heartbeat", ConnectionManager.this.heartbeats.newHandler(inbound))
                    .addLast("frames", new FrameHandler(ConnectionManager.this, ConnectionManager.this.sink,
                            ConnectionManager.this.stats));
                ConnectionManager.this.guard.install(channel, inbound);
                if (ConnectionManager.this.tls != null) {
                    ConnectionManager.this.tls.configure(channel, inbound);
                }
                ConnectionManager.this.channels.add(channel);
                if (ConnectionManager.this.readsPaused) {
                    channel.config().setAutoRead(false);
                }
            }
        };
    }

}
