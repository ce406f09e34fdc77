package io.cupnet.options;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;

import io.cupnet.AckMode;
import io.cupnet.CupMessage;
import io.cupnet.DispatchMode;
import io.cupnet.MessageCenter;
import io.cupnet.OverflowPolicy;
import io.cupnet.PeerAddress;
import io.cupnet.TransportType;
import io.cupnet.internal.ack.DedupWindow;
import io.cupnet.internal.guard.AllowedPeers;
import io.cupnet.internal.heartbeat.Heartbeats;
import io.cupnet.internal.wire.CupFrameDecoder;

import static io.cupnet.options.InvalidOptionException.check;

/**
 * Every setting of a {@link MessageCenter}, immutable; build one with {@link #builder()}.
 *
 * <p>Defaults follow Python CUP where it has one (send queue of 200 frames, TCP keepalive
 * 1 s / 3 s / 5 probes) and are otherwise chosen to be safe on a LAN.
 */
public final class CupnetOptions {

    private final String host;

    private final int port;

    private final String advertisedHost;

    private final TransportType transportType;

    private final int ioThreads;

    private final int maxFrameLength;

    private final SocketOptions socket;

    private final int sendQueueCapacity;

    private final OverflowPolicy overflowPolicy;

    private final Duration overflowWait;

    private final Duration deliveryTimeout;

    private final int receiveHighWatermark;

    private final int receiveLowWatermark;

    private final Duration ackRetryInterval;

    private final Duration ackTimeout;

    private final AckMode ackMode;

    private final int dedupWindowSize;

    private final Duration connectTimeout;

    private final Backoff backoff;

    private final int handlerConcurrency;

    private final DispatchMode dispatchMode;

    private final Executor handlerExecutor;

    private final Duration shutdownTimeout;

    private final Duration heartbeatInterval;

    private final int heartbeatMisses;

    private final int maxInboundConnections;

    private final List<String> allowedPeers;

    private final Duration firstFrameTimeout;

    private final Duration idleTimeout;

    private final int maxPendingAcks;

    private final int maxPendingAcksPerPeer;

    private final TlsOptions tls;

    private CupnetOptions(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.advertisedHost = builder.advertisedHost;
        this.transportType = builder.transportType;
        this.ioThreads = builder.ioThreads;
        this.maxFrameLength = builder.maxFrameLength;
        this.socket = builder.socket;
        this.sendQueueCapacity = builder.sendQueueCapacity;
        this.overflowPolicy = builder.overflowPolicy;
        this.overflowWait = builder.overflowWait;
        this.deliveryTimeout = builder.deliveryTimeout;
        this.receiveHighWatermark = builder.receiveHighWatermark;
        this.receiveLowWatermark = builder.receiveLowWatermark;
        this.ackRetryInterval = builder.ackRetryInterval;
        this.ackTimeout = builder.ackTimeout;
        this.ackMode = builder.ackMode;
        this.dedupWindowSize = builder.dedupWindowSize;
        this.connectTimeout = builder.connectTimeout;
        this.backoff = builder.backoff;
        this.handlerConcurrency = builder.handlerConcurrency;
        this.dispatchMode = builder.dispatchMode;
        this.handlerExecutor = builder.handlerExecutor;
        this.shutdownTimeout = builder.shutdownTimeout;
        this.heartbeatInterval = builder.heartbeatInterval;
        this.heartbeatMisses = builder.heartbeatMisses;
        this.maxInboundConnections = builder.maxInboundConnections;
        this.allowedPeers = builder.allowedPeers;
        this.firstFrameTimeout = builder.firstFrameTimeout;
        this.idleTimeout = builder.idleTimeout;
        this.maxPendingAcks = builder.maxPendingAcks;
        this.maxPendingAcksPerPeer = builder.maxPendingAcksPerPeer;
        this.tls = builder.tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static CupnetOptions defaults() {
        return builder().build();
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The IPv4 address to bind; default 127.0.0.1. */
    public String host() {
        return this.host;
    }

    /** The port to bind, 0 for any free port; default 7100. */
    public int port() {
        return this.port;
    }

    /** The IPv4 address put in the {@code from} of every frame; {@code null} for the bound address. */
    public String advertisedHost() {
        return this.advertisedHost;
    }

    public TransportType transportType() {
        return this.transportType;
    }

    /** Number of I/O event-loop threads; 0 for twice the number of cores. */
    public int ioThreads() {
        return this.ioThreads;
    }

    /** Largest frame accepted or sent, head and header included; default 16 MiB. */
    public int maxFrameLength() {
        return this.maxFrameLength;
    }

    public SocketOptions socket() {
        return this.socket;
    }

    /** Frames that may wait per peer before {@code send} overflows; default 200, as CUP. */
    public int sendQueueCapacity() {
        return this.sendQueueCapacity;
    }

    public OverflowPolicy overflowPolicy() {
        return this.overflowPolicy;
    }

    /** How long {@link OverflowPolicy#WAIT} waits for room in a full send queue. */
    public Duration overflowWait() {
        return this.overflowWait;
    }

    /**
     * How long a message may wait for a connection to its peer before it fails with
     * {@code PEER_UNREACHABLE}; a need-ack message only until its first write, after which its ack timeout rules.
     */
    public Duration deliveryTimeout() {
        return this.deliveryTimeout;
    }

    /** Receive queue size at which reading from sockets pauses. */
    public int receiveHighWatermark() {
        return this.receiveHighWatermark;
    }

    /** Receive queue size at which paused reading resumes. */
    public int receiveLowWatermark() {
        return this.receiveLowWatermark;
    }

    /** Time between two writes of an un-acked need-ack frame. */
    public Duration ackRetryInterval() {
        return this.ackRetryInterval;
    }

    /** Time after the first write when an un-acked need-ack message fails. */
    public Duration ackTimeout() {
        return this.ackTimeout;
    }

    public AckMode ackMode() {
        return this.ackMode;
    }

    /** Number of received need-ack frames remembered to recognise resent copies. */
    public int dedupWindowSize() {
        return this.dedupWindowSize;
    }

    public Duration connectTimeout() {
        return this.connectTimeout;
    }

    /** Delays between attempts to (re)connect to a peer. */
    public Backoff backoff() {
        return this.backoff;
    }

    /** Number of handler threads taking frames off the receive queue; 1 keeps order within a lane. */
    public int handlerConcurrency() {
        return this.handlerConcurrency;
    }

    /** Where the handler runs: on handler threads (the default) or on the I/O threads. */
    public DispatchMode dispatchMode() {
        return this.dispatchMode;
    }

    /** Runs the handler loops; {@code null} for a fixed pool of platform threads owned by the message center. */
    public Executor handlerExecutor() {
        return this.handlerExecutor;
    }

    /** How long {@code close()} drains before it fails what is left. */
    public Duration shutdownTimeout() {
        return this.shutdownTimeout;
    }

    /**
     * Time between two heartbeats on an outbound connection that receives no application frame;
     * {@link Duration#ZERO} (the default) sends none. Heartbeats from peers are answered either way.
     */
    public Duration heartbeatInterval() {
        return this.heartbeatInterval;
    }

    /** Heartbeat intervals without any frame from the peer after which its connection closes; default 3. */
    public int heartbeatMisses() {
        return this.heartbeatMisses;
    }

    /** Inbound connections open at once; more are closed at accept. Default 10,000. */
    public int maxInboundConnections() {
        return this.maxInboundConnections;
    }

    /**
     * CIDR ranges, IPv4 or IPv6, that inbound connections may come from; others are closed
     * at accept. Empty (the default) allows every address.
     */
    public List<String> allowedPeers() {
        return this.allowedPeers;
    }

    /**
     * How long an inbound connection may take to deliver its first complete frame before it
     * is closed; zero disables the check. Default 10 s.
     */
    public Duration firstFrameTimeout() {
        return this.firstFrameTimeout;
    }

    /**
     * How long a connection may carry no byte either way before it is closed; zero (the
     * default) keeps idle connections open, as CUP does.
     */
    public Duration idleTimeout() {
        return this.idleTimeout;
    }

    /** Need-ack messages waiting for their ack, all peers together; more sends fail at once. Default 100,000. */
    public int maxPendingAcks() {
        return this.maxPendingAcks;
    }

    /** Need-ack messages waiting for their ack from one peer; more sends fail at once. Default 20,000. */
    public int maxPendingAcksPerPeer() {
        return this.maxPendingAcksPerPeer;
    }

    /** TLS on every connection, inbound and outbound; {@code null} (the default) for plaintext CUP. */
    public TlsOptions tls() {
        return this.tls;
    }

    /** Builds {@link CupnetOptions}, validating every value in {@link #build()}. */
    public static final class Builder {

        private String host = "127.0.0.1";

        private int port = 7100;

        private String advertisedHost;

        private TransportType transportType = TransportType.AUTO;

        private int ioThreads;

        private int maxFrameLength = CupFrameDecoder.DEFAULT_MAX_FRAME_LENGTH;

        private SocketOptions socket = SocketOptions.defaults();

        private int sendQueueCapacity = 200;

        private OverflowPolicy overflowPolicy = OverflowPolicy.FAIL;

        private Duration overflowWait = Duration.ofSeconds(1);

        private Duration deliveryTimeout = Duration.ofSeconds(30);

        private int receiveHighWatermark = 10_000;

        private int receiveLowWatermark = 5_000;

        private Duration ackRetryInterval = Duration.ofSeconds(1);

        private Duration ackTimeout = Duration.ofSeconds(30);

        private AckMode ackMode = AckMode.AFTER_SUCCESS;

        private int dedupWindowSize = 16_384;

        private Duration connectTimeout = Duration.ofSeconds(3);

        private Backoff backoff = Backoff.defaults();

        private int handlerConcurrency = 1;

        private DispatchMode dispatchMode = DispatchMode.HANDLER_THREADS;

        private Executor handlerExecutor;

        private Duration shutdownTimeout = Duration.ofSeconds(30);

        private Duration heartbeatInterval = Duration.ZERO;

        private int heartbeatMisses = 3;

        private int maxInboundConnections = 10_000;

        private List<String> allowedPeers = List.of();

        private Duration firstFrameTimeout = Duration.ofSeconds(10);

        private Duration idleTimeout = Duration.ZERO;

        private int maxPendingAcks = 100_000;

        private int maxPendingAcksPerPeer = 20_000;

        private TlsOptions tls;

        private Builder() {
        }

        private Builder(CupnetOptions options) {
            this.host = options.host;
            this.port = options.port;
            this.advertisedHost = options.advertisedHost;
            this.transportType = options.transportType;
            this.ioThreads = options.ioThreads;
            this.maxFrameLength = options.maxFrameLength;
            this.socket = options.socket;
            this.sendQueueCapacity = options.sendQueueCapacity;
            this.overflowPolicy = options.overflowPolicy;
            this.overflowWait = options.overflowWait;
            this.deliveryTimeout = options.deliveryTimeout;
            this.receiveHighWatermark = options.receiveHighWatermark;
            this.receiveLowWatermark = options.receiveLowWatermark;
            this.ackRetryInterval = options.ackRetryInterval;
            this.ackTimeout = options.ackTimeout;
            this.ackMode = options.ackMode;
            this.dedupWindowSize = options.dedupWindowSize;
            this.connectTimeout = options.connectTimeout;
            this.backoff = options.backoff;
            this.handlerConcurrency = options.handlerConcurrency;
            this.dispatchMode = options.dispatchMode;
            this.handlerExecutor = options.handlerExecutor;
            this.shutdownTimeout = options.shutdownTimeout;
            this.heartbeatInterval = options.heartbeatInterval;
            this.heartbeatMisses = options.heartbeatMisses;
            this.maxInboundConnections = options.maxInboundConnections;
            this.allowedPeers = options.allowedPeers;
            this.firstFrameTimeout = options.firstFrameTimeout;
            this.idleTimeout = options.idleTimeout;
            this.maxPendingAcks = options.maxPendingAcks;
            this.maxPendingAcksPerPeer = options.maxPendingAcksPerPeer;
            this.tls = options.tls;
        }

        /** IPv4 address to bind, dotted (host names are not resolved); default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Port to bind, 0 for any free port; default 7100, between 0 and 65535. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * IPv4 address put in the {@code from} of every frame, the one peers reach this node at; default {@code null}
         * for the bound {@link #host(String)}, which must then not be a wildcard.
         */
        public Builder advertisedHost(String advertisedHost) {
            this.advertisedHost = advertisedHost;
            return this;
        }

        /** Netty transport carrying the sockets; default {@link TransportType#AUTO}, not null. */
        public Builder transportType(TransportType transportType) {
            this.transportType = transportType;
            return this;
        }

        /** Number of I/O event-loop threads; default 0 for twice the number of cores; 0 or more. */
        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        /**
         * Largest frame accepted or sent, head and header included; default 16 MiB, more than the
         * {@code CupMessage.HEAD_LENGTH + CupMessage.HEADER_LENGTH} (72) bytes of head and header alone.
         */
        public Builder maxFrameLength(int maxFrameLength) {
            this.maxFrameLength = maxFrameLength;
            return this;
        }

        /** TCP options of every connection, in and out; default {@link SocketOptions#defaults()}, not null. */
        public Builder socket(SocketOptions socket) {
            this.socket = socket;
            return this;
        }

        /**
         * Frames queued per peer before a send waits or fails (see {@link #overflowPolicy(OverflowPolicy)});
         * default 200, as CUP; at least 1.
         */
        public Builder sendQueueCapacity(int sendQueueCapacity) {
            this.sendQueueCapacity = sendQueueCapacity;
            return this;
        }

        /** What a send does when the peer's send queue is full; default {@link OverflowPolicy#FAIL}, not null. */
        public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
            this.overflowPolicy = overflowPolicy;
            return this;
        }

        /** How long {@link OverflowPolicy#WAIT} waits for room in a full queue; default 1 s, a positive duration. */
        public Builder overflowWait(Duration overflowWait) {
            this.overflowWait = overflowWait;
            return this;
        }

        /**
         * How long a message may wait for a connection to its peer before it fails with {@code PEER_UNREACHABLE}
         * (a need-ack one only until its first write, then its ack timeout rules); default 30 s, a positive duration.
         */
        public Builder deliveryTimeout(Duration deliveryTimeout) {
            this.deliveryTimeout = deliveryTimeout;
            return this;
        }

        /**
         * Receive queue sizes at which paused reading from sockets resumes ({@code low}) and at which it pauses
         * ({@code high}); default 5,000 and 10,000, with {@code 0 <= low < high}. Unused with
         * {@link DispatchMode#IO_THREAD}.
         */
        public Builder receiveWatermarks(int low, int high) {
            this.receiveLowWatermark = low;
            this.receiveHighWatermark = high;
            return this;
        }

        /** Time between two writes of an un-acked need-ack frame; default 1 s, a positive duration. */
        public Builder ackRetryInterval(Duration ackRetryInterval) {
            this.ackRetryInterval = ackRetryInterval;
            return this;
        }

        /** Time after the first write when an un-acked need-ack message fails; default 30 s, a positive duration. */
        public Builder ackTimeout(Duration ackTimeout) {
            this.ackTimeout = ackTimeout;
            return this;
        }

        /** When this node acknowledges a received need-ack frame; default {@link AckMode#AFTER_SUCCESS}, not null. */
        public Builder ackMode(AckMode ackMode) {
            this.ackMode = ackMode;
            return this;
        }

        /**
         * Received need-ack frames remembered to recognise resent copies; default 16,384, between 1 and
         * {@link DedupWindow#MAX_CAPACITY}. Each takes about 16 bytes up front and 40 once remembered.
         */
        public Builder dedupWindowSize(int dedupWindowSize) {
            this.dedupWindowSize = dedupWindowSize;
            return this;
        }

        /** How long one attempt to connect to a peer may take; default 3 s, a positive duration. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * Delays between attempts to (re)connect to a peer; default 100 ms doubling up to 10 s with 20 % jitter
         * ({@link Backoff#defaults()}), not null.
         */
        public Builder backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        /**
         * Handler threads taking frames off the receive queue; with 1 (the default) frames are handled one at a
         * time in the order received, urgent ones first. At least 1.
         */
        public Builder handlerConcurrency(int handlerConcurrency) {
            this.handlerConcurrency = handlerConcurrency;
            return this;
        }

        /**
         * Where the handler runs; {@link DispatchMode#IO_THREAD} only for handlers that never block.
         * Default {@link DispatchMode#HANDLER_THREADS}, not null.
         */
        public Builder dispatchMode(DispatchMode dispatchMode) {
            this.dispatchMode = dispatchMode;
            return this;
        }

        /**
         * Runs the handler loops, one long-running task per {@link #handlerConcurrency(int) handler thread}; default
         * {@code null} for a fixed pool of platform threads owned by the message center.
         */
        public Builder handlerExecutor(Executor handlerExecutor) {
            this.handlerExecutor = handlerExecutor;
            return this;
        }

        /** How long {@code close()} drains before it fails what is left; default 30 s, a positive duration. */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /**
         * Sends a heartbeat on an idle outbound connection once per interval; default {@link Duration#ZERO}
         * for none, never negative.
         */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        /** Heartbeat intervals with no frame from the peer after which its connection closes; default 3, at least 1. */
        public Builder heartbeatMisses(int heartbeatMisses) {
            this.heartbeatMisses = heartbeatMisses;
            return this;
        }

        /** Inbound connections open at once, more being closed at accept; default 10,000, at least 1. */
        public Builder maxInboundConnections(int maxInboundConnections) {
            this.maxInboundConnections = maxInboundConnections;
            return this;
        }

        /**
         * CIDR ranges such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a range of one.
         * Inbound connections from other addresses are closed at accept. Default empty, which allows every
         * address; not null.
         */
        public Builder allowedPeers(List<String> allowedPeers) {
            this.allowedPeers = (allowedPeers != null) ? Collections.unmodifiableList(new ArrayList<>(allowedPeers))
                    : null;
            return this;
        }

        /**
         * How long an inbound connection may take to deliver its first complete frame before it is closed;
         * a positive duration, or zero to disable the check. Default 10 s.
         */
        public Builder firstFrameTimeout(Duration firstFrameTimeout) {
            this.firstFrameTimeout = firstFrameTimeout;
            return this;
        }

        /**
         * How long a connection may carry no byte either way before it is closed; a positive duration, or zero to
         * disable. Default zero: idle connections stay open, as in CUP.
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * Need-ack messages waiting for their ack, all peers together, before more sends fail at once;
         * default 100,000, at least 1.
         */
        public Builder maxPendingAcks(int maxPendingAcks) {
            this.maxPendingAcks = maxPendingAcks;
            return this;
        }

        /**
         * Need-ack messages waiting for their ack from one peer before more sends to it fail at once;
         * default 20,000, at least 1.
         */
        public Builder maxPendingAcksPerPeer(int maxPendingAcksPerPeer) {
            this.maxPendingAcksPerPeer = maxPendingAcksPerPeer;
            return this;
        }

        /**
         * Turns TLS on with these settings, already checked by {@link TlsOptions.Builder#build()}; null turns it off.
         * Default {@code null}, plaintext CUP.
         */
        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Validates the values and builds the options.
         * @throws InvalidOptionException naming the first invalid value and what it must be
         */
        public CupnetOptions build() {
            ipv4("host", this.host);
            if (this.advertisedHost != null) {
                ipv4("advertisedHost", this.advertisedHost);
            }
            check(this.port >= 0 && this.port <= 65535, "port", this.port, "between 0 and 65535");
            check(this.ioThreads >= 0, "ioThreads", this.ioThreads, "0 (automatic) or more");
            int smallestFrame = CupMessage.HEAD_LENGTH + CupMessage.HEADER_LENGTH;
            check(this.maxFrameLength > smallestFrame, "maxFrameLength", this.maxFrameLength,
                    "more than " + smallestFrame + " bytes");
            check(this.sendQueueCapacity > 0, "sendQueueCapacity", this.sendQueueCapacity, "at least 1");
            check(this.receiveLowWatermark >= 0 && this.receiveLowWatermark < this.receiveHighWatermark,
                    "receiveWatermarks", "low=" + this.receiveLowWatermark + " high=" + this.receiveHighWatermark,
                    "0 <= low < high");
            check(this.dedupWindowSize > 0 && this.dedupWindowSize <= DedupWindow.MAX_CAPACITY, "dedupWindowSize",
                    this.dedupWindowSize, "between 1 and " + DedupWindow.MAX_CAPACITY);
            check(this.handlerConcurrency > 0, "handlerConcurrency", this.handlerConcurrency, "at least 1");
            check(this.dispatchMode != null, "dispatchMode", null, "HANDLER_THREADS or IO_THREAD");
            positive("overflowWait", this.overflowWait);
            positive("deliveryTimeout", this.deliveryTimeout);
            positive("ackRetryInterval", this.ackRetryInterval);
            positive("ackTimeout", this.ackTimeout);
            positive("connectTimeout", this.connectTimeout);
            positive("shutdownTimeout", this.shutdownTimeout);
            check(this.heartbeatInterval != null && !this.heartbeatInterval.isNegative(), "heartbeatInterval",
                    this.heartbeatInterval, "a positive duration, or zero for no heartbeats");
            check(this.heartbeatMisses >= 1, "heartbeatMisses", this.heartbeatMisses, "at least 1");
            check(this.maxInboundConnections > 0, "maxInboundConnections", this.maxInboundConnections, "at least 1");
            check(this.maxPendingAcks > 0, "maxPendingAcks", this.maxPendingAcks, "at least 1");
            check(this.maxPendingAcksPerPeer > 0, "maxPendingAcksPerPeer", this.maxPendingAcksPerPeer, "at least 1");
            positiveOrZero("firstFrameTimeout", this.firstFrameTimeout);
            positiveOrZero("idleTimeout", this.idleTimeout);
            require("allowedPeers", this.allowedPeers);
            AllowedPeers.parse(this.allowedPeers);
            require("transportType", this.transportType);
            require("socket", this.socket);
            require("overflowPolicy", this.overflowPolicy);
            require("ackMode", this.ackMode);
            require("backoff", this.backoff);
            return new CupnetOptions(this);
        }

        private static void require(String name, Object value) {
            check(value != null, name, null, "set");
        }

        private static void positive(String name, Duration value) {
            check(value != null && !value.isNegative() && !value.isZero(), name, value, "a positive duration");
        }

        private static void positiveOrZero(String name, Duration value) {
            check(value != null && !value.isNegative(), name, value, "a positive duration, or zero to disable it");
        }

        private static void ipv4(String name, String value) {
            try {
                PeerAddress.of(value, 0);
            }
            catch (IllegalArgumentException | NullPointerException ex) {
                throw new InvalidOptionException(name, value,
                        "a dotted IPv4 address such as 127.0.0.1 "
                                + "(CUP012-3 carries only IPv4; host names are not resolved)");
            }
        }

    }

}
