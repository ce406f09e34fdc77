package io.cupnet.internal.transport;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

/**
 * Owns every connection of a message center: the outbound one per peer (a
 * {@link PeerConnection}, keyed by the peer's ip and port) and the inbound ones its
 * server accepts, whose peer's listening address is learnt from their first frame (see
 * {@link ClaimGuard}: a connection speaks for one peer).
 *
 * <p>It also pauses and resumes reading on all of them for the receive queue.
 */
public final class ConnectionManager implements PeerConnection.Connector, ReceiveQueue.Backpressure {

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

    private final FrameSink sink;

    private final ConnectionGuard guard;

    private final Heartbeats heartbeats;

    private final Bootstrap clientBootstrap;

    private final TlsSupport tls;

    private final PendingAckLimits ackLimits;

    /** The peer of the latest send, looked up without the map when the next send goes to the same peer. */
    private PeerConnection lastPeer;

    private volatile boolean readsPaused;

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

    /** The outbound connection to a peer, created on first use. */
    public PeerConnection peer(PeerAddress address) {
        PeerConnection last = this.lastPeer;
        if (last != null && last.peer().sameEndpoint(address)) {
            return last;
        }
        PeerConnection existing = this.peers.get(address.endpointKey());
        if (existing == null) {
            existing = this.peers.computeIfAbsent(address.endpointKey(), (key) -> new PeerConnection(
                    address.withSubEndpoint(0, 0), this.group.next(), this.options.send().queueCapacity(), this,
                    this.settlements, this.stats, this.ackLimits.newPeerSlots()));
        }
        if (last != existing) {
            this.lastPeer = existing;
        }
        return existing;
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
