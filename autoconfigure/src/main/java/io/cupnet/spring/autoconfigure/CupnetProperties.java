package io.cupnet.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cupnet.AckMode;
import io.cupnet.DispatchMode;
import io.cupnet.OverflowPolicy;
import io.cupnet.TransportType;
import io.cupnet.options.TlsOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of a cupnet node, bound from {@code cupnet.*}.
 *
 * <p>Every default equals the default of core's {@code CupnetOptions}.
 */
@ConfigurationProperties("cupnet")
public class CupnetProperties {

    /**
     * How long shutdown drains received frames, send queues and pending acks before it
     * fails what is left.
     */
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    @NestedConfigurationProperty
    private final Server server = new Server();

    @NestedConfigurationProperty
    private final Transport transport = new Transport();

    @NestedConfigurationProperty
    private final Socket socket = new Socket();

    @NestedConfigurationProperty
    private final Send send = new Send();

    @NestedConfigurationProperty
    private final Receive receive = new Receive();

    @NestedConfigurationProperty
    private final Ack ack = new Ack();

    @NestedConfigurationProperty
    private final Connect connect = new Connect();

    @NestedConfigurationProperty
    private final Connection connection = new Connection();

    @NestedConfigurationProperty
    private final Listener listener = new Listener();

    @NestedConfigurationProperty
    private final Heartbeat heartbeat = new Heartbeat();

    @NestedConfigurationProperty
    private final Metrics metrics = new Metrics();

    @NestedConfigurationProperty
    private final Tls tls = new Tls();

    public Duration getShutdownTimeout() {
        return this.shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public Server getServer() {
        return this.server;
    }

    public Transport getTransport() {
        return this.transport;
    }

    public Socket getSocket() {
        return this.socket;
    }

    public Send getSend() {
        return this.send;
    }

    public Receive getReceive() {
        return this.receive;
    }

    public Ack getAck() {
        return this.ack;
    }

    public Connect getConnect() {
        return this.connect;
    }

    public Connection getConnection() {
        return this.connection;
    }

    public Listener getListener() {
        return this.listener;
    }

    public Heartbeat getHeartbeat() {
        return this.heartbeat;
    }

    public Metrics getMetrics() {
        return this.metrics;
    }

    public Tls getTls() {
        return this.tls;
    }

    /** Where the node listens and which address it gives its peers. */
    public static class Server {

        /**
         * Whether to create and start a cupnet node in this application.
         */
        private boolean enabled = true;

        /**
         * IPv4 address to bind, such as 127.0.0.1, or 0.0.0.0 for every interface (then
         * set the advertised host).
         */
        private String host = "127.0.0.1";

        /**
         * Port to listen on, 0 for any free port.
         */
        private int port = 7100;

        /**
         * IPv4 address put in the 'from' field of every frame, which peers answer to.
         * Defaults to the bound host.
         */
        private String advertisedHost;

        /**
         * Maximum inbound connections open at once; more are closed at accept.
         */
        private int maxConnections = 10_000;

        /**
         * CIDR ranges, IPv4 or IPv6, that inbound connections may come from, such as
         * 10.0.0.0/8 or fd00::/8; others are closed at accept. Empty allows every address.
         */
        private List<String> allowedPeers = new ArrayList<>();

        /**
         * CIDR ranges of trusted gateways, NAT devices or proxies, such as 10.0.0.1 or
         * 172.16.0.0/12. A connection speaks for the peer its first frame names in 'from',
         * whose IP must be the connection's own unless the connection comes from one of these
         * ranges; a frame claiming otherwise closes its connection. Empty trusts none.
         */
        private List<String> trustedProxies = new ArrayList<>();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getHost() {
            return this.host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return this.port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getAdvertisedHost() {
            return this.advertisedHost;
        }

        public void setAdvertisedHost(String advertisedHost) {
            this.advertisedHost = advertisedHost;
        }

        public int getMaxConnections() {
            return this.maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        public List<String> getAllowedPeers() {
            return this.allowedPeers;
        }

        public void setAllowedPeers(List<String> allowedPeers) {
            this.allowedPeers = allowedPeers;
        }

        public List<String> getTrustedProxies() {
            return this.trustedProxies;
        }

        public void setTrustedProxies(List<String> trustedProxies) {
            this.trustedProxies = trustedProxies;
        }

    }

    /** Which Netty transport carries the sockets and how large frames may be. */
    public static class Transport {

        /**
         * Netty transport: AUTO (native epoll when it loads, NIO otherwise), EPOLL or NIO.
         */
        private TransportType type = TransportType.AUTO;

        /**
         * Number of I/O event-loop threads, 0 for twice the number of cores.
         */
        private int ioThreads = 0;

        /**
         * Maximum frame size accepted or sent, head and header included.
         */
        private DataSize maxFrameSize = DataSize.ofMegabytes(16);

        public TransportType getType() {
            return this.type;
        }

        public void setType(TransportType type) {
            this.type = type;
        }

        public int getIoThreads() {
            return this.ioThreads;
        }

        public void setIoThreads(int ioThreads) {
            this.ioThreads = ioThreads;
        }

        public DataSize getMaxFrameSize() {
            return this.maxFrameSize;
        }

        public void setMaxFrameSize(DataSize maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
        }

    }

    /** TCP options applied to every connection, inbound and outbound. */
    public static class Socket {

        /**
         * Whether to send TCP keepalive probes.
         */
        private boolean keepAlive = true;

        /**
         * Idle time before the first keepalive probe, whole seconds.
         */
        private Duration keepAliveIdle = Duration.ofSeconds(1);

        /**
         * Time between keepalive probes, whole seconds.
         */
        private Duration keepAliveInterval = Duration.ofSeconds(3);

        /**
         * Unanswered keepalive probes before the connection is dropped.
         */
        private int keepAliveCount = 5;

        /**
         * SO_LINGER time; unset leaves it off. Zero resets connections on close and can
         * discard frames not yet delivered.
         */
        private Duration linger;

        /**
         * Whether to set TCP_QUICKACK (Linux).
         */
        private boolean quickAck = true;

        /**
         * Whether to disable Nagle's algorithm (TCP_NODELAY).
         */
        private boolean noDelay = true;

        /**
         * Whether to set SO_REUSEADDR, so that a restarted node binds its port at once.
         */
        private boolean reuseAddress = true;

        /**
         * Maximum queue of connections not yet accepted.
         */
        private int backlog = 1024;

        public boolean isKeepAlive() {
            return this.keepAlive;
        }

        public void setKeepAlive(boolean keepAlive) {
            this.keepAlive = keepAlive;
        }

        public Duration getKeepAliveIdle() {
            return this.keepAliveIdle;
        }

        public void setKeepAliveIdle(Duration keepAliveIdle) {
            this.keepAliveIdle = keepAliveIdle;
        }

        public Duration getKeepAliveInterval() {
            return this.keepAliveInterval;
        }

        public void setKeepAliveInterval(Duration keepAliveInterval) {
            this.keepAliveInterval = keepAliveInterval;
        }

        public int getKeepAliveCount() {
            return this.keepAliveCount;
        }

        public void setKeepAliveCount(int keepAliveCount) {
            this.keepAliveCount = keepAliveCount;
        }

        public Duration getLinger() {
            return this.linger;
        }

        public void setLinger(Duration linger) {
            this.linger = linger;
        }

        public boolean isQuickAck() {
            return this.quickAck;
        }

        public void setQuickAck(boolean quickAck) {
            this.quickAck = quickAck;
        }

        public boolean isNoDelay() {
            return this.noDelay;
        }

        public void setNoDelay(boolean noDelay) {
            this.noDelay = noDelay;
        }

        public boolean isReuseAddress() {
            return this.reuseAddress;
        }

        public void setReuseAddress(boolean reuseAddress) {
            this.reuseAddress = reuseAddress;
        }

        public int getBacklog() {
            return this.backlog;
        }

        public void setBacklog(int backlog) {
            this.backlog = backlog;
        }

    }

    /** The per-peer send queue. */
    public static class Send {

        /**
         * Maximum frames waiting per peer before a send overflows (200, as CUP).
         */
        private int queueCapacity = 200;

        /**
         * What a send does when the peer's queue is full: FAIL at once, or WAIT up to the
         * overflow wait.
         */
        private OverflowPolicy overflowPolicy = OverflowPolicy.FAIL;

        /**
         * How long the WAIT overflow policy waits for room in a full send queue.
         */
        private Duration overflowWait = Duration.ofSeconds(1);

        /**
         * How long a plain message may wait for a connection to its peer before it fails.
         */
        private Duration deliveryTimeout = Duration.ofSeconds(30);

        public int getQueueCapacity() {
            return this.queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public OverflowPolicy getOverflowPolicy() {
            return this.overflowPolicy;
        }

        public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
            this.overflowPolicy = overflowPolicy;
        }

        public Duration getOverflowWait() {
            return this.overflowWait;
        }

        public void setOverflowWait(Duration overflowWait) {
            this.overflowWait = overflowWait;
        }

        public Duration getDeliveryTimeout() {
            return this.deliveryTimeout;
        }

        public void setDeliveryTimeout(Duration deliveryTimeout) {
            this.deliveryTimeout = deliveryTimeout;
        }

    }

    /** The queue between the I/O threads and the listeners. */
    public static class Receive {

        /**
         * Receive queue size at which reading from sockets pauses.
         */
        private int highWatermark = 10_000;

        /**
         * Receive queue size at which paused reading resumes; below the high watermark.
         */
        private int lowWatermark = 5_000;

        /**
         * Bytes of the frames in the receive queue (header and body of each) at which reading from sockets pauses,
         * whatever the number of frames.
         */
        private DataSize highWatermarkBytes = DataSize.ofMegabytes(64);

        /**
         * Bytes of the frames in the receive queue at or below which paused reading resumes, once the queue is also
         * at or below the low watermark in frames; below the high watermark in bytes.
         */
        private DataSize lowWatermarkBytes = DataSize.ofMegabytes(32);

        public int getHighWatermark() {
            return this.highWatermark;
        }

        public void setHighWatermark(int highWatermark) {
            this.highWatermark = highWatermark;
        }

        public int getLowWatermark() {
            return this.lowWatermark;
        }

        public void setLowWatermark(int lowWatermark) {
            this.lowWatermark = lowWatermark;
        }

        public DataSize getHighWatermarkBytes() {
            return this.highWatermarkBytes;
        }

        public void setHighWatermarkBytes(DataSize highWatermarkBytes) {
            this.highWatermarkBytes = highWatermarkBytes;
        }

        public DataSize getLowWatermarkBytes() {
            return this.lowWatermarkBytes;
        }

        public void setLowWatermarkBytes(DataSize lowWatermarkBytes) {
            this.lowWatermarkBytes = lowWatermarkBytes;
        }

    }

    /** Need-ack delivery, sending and receiving. */
    public static class Ack {

        /**
         * Time between two writes of an un-acked need-ack frame.
         */
        private Duration retryInterval = Duration.ofSeconds(1);

        /**
         * Time after the first write when an un-acked need-ack message fails.
         */
        private Duration timeout = Duration.ofSeconds(30);

        /**
         * When received need-ack frames are acknowledged: ON_RECEIPT, AFTER_SUCCESS of the
         * listener, or MANUAL through the Acknowledgment argument.
         */
        private AckMode mode = AckMode.AFTER_SUCCESS;

        /**
         * Number of received need-ack frames remembered so that resent copies are acked
         * again but not handled twice, from 1 to 16,777,216; each takes about 16 bytes up
         * front and 40 once remembered.
         */
        private int dedupWindow = 16_384;

        /**
         * Maximum need-ack messages waiting for their ack, all peers together; a need-ack
         * send past it fails at once with TOO_MANY_PENDING_ACKS.
         */
        private int maxPending = 100_000;

        /**
         * Maximum need-ack messages waiting for an ack from one peer; a need-ack send past it
         * fails at once with TOO_MANY_PENDING_ACKS.
         */
        private int maxPendingPerPeer = 20_000;

        /**
         * Maximum acks of received frames waiting to be written to one peer (65 bytes each on
         * the wire; each holds only addresses and a uniq id). Past it the oldest are dropped and
         * counted: their senders resend, and the dedup window acks the copy.
         */
        private int maxQueuedPerPeer = 20_000;

        public Duration getRetryInterval() {
            return this.retryInterval;
        }

        public void setRetryInterval(Duration retryInterval) {
            this.retryInterval = retryInterval;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public AckMode getMode() {
            return this.mode;
        }

        public void setMode(AckMode mode) {
            this.mode = mode;
        }

        public int getDedupWindow() {
            return this.dedupWindow;
        }

        public void setDedupWindow(int dedupWindow) {
            this.dedupWindow = dedupWindow;
        }

        public int getMaxPending() {
            return this.maxPending;
        }

        public void setMaxPending(int maxPending) {
            this.maxPending = maxPending;
        }

        public int getMaxPendingPerPeer() {
            return this.maxPendingPerPeer;
        }

        public void setMaxPendingPerPeer(int maxPendingPerPeer) {
            this.maxPendingPerPeer = maxPendingPerPeer;
        }

        public int getMaxQueuedPerPeer() {
            return this.maxQueuedPerPeer;
        }

        public void setMaxQueuedPerPeer(int maxQueuedPerPeer) {
            this.maxQueuedPerPeer = maxQueuedPerPeer;
        }

    }

    /** Opening connections to peers. */
    public static class Connect {

        /**
         * Maximum time to establish one TCP connection.
         */
        private Duration timeout = Duration.ofSeconds(3);

        @NestedConfigurationProperty
        private final Backoff backoff = new Backoff();

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Backoff getBackoff() {
            return this.backoff;
        }

    }

    /** How long connections may stay silent. */
    public static class Connection {

        /**
         * Time with no byte either way after which a connection, inbound or outbound, is
         * closed; 0 keeps idle connections open, as CUP does. The next send reopens it.
         */
        private Duration idleTimeout = Duration.ZERO;

        /**
         * Maximum time an inbound connection may take to deliver its first complete frame
         * before it is closed; 0 disables the check.
         */
        private Duration firstFrameTimeout = Duration.ofSeconds(10);

        /**
         * Maximum peers the node keeps state for (a send queue, an outbound connection):
         * those it sends to and those it acks or answers. Sends to a new peer beyond it fail
         * with TOO_MANY_PEERS, and acks to one are dropped (its sender resends).
         */
        private int maxPeers = 10_000;

        /**
         * Time after which a peer with nothing queued, no ack pending and no open connection
         * is forgotten; 0 keeps peers until shutdown.
         */
        private Duration peerIdleTimeout = Duration.ofMinutes(5);

        public Duration getIdleTimeout() {
            return this.idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        public Duration getFirstFrameTimeout() {
            return this.firstFrameTimeout;
        }

        public void setFirstFrameTimeout(Duration firstFrameTimeout) {
            this.firstFrameTimeout = firstFrameTimeout;
        }

        public int getMaxPeers() {
            return this.maxPeers;
        }

        public void setMaxPeers(int maxPeers) {
            this.maxPeers = maxPeers;
        }

        public Duration getPeerIdleTimeout() {
            return this.peerIdleTimeout;
        }

        public void setPeerIdleTimeout(Duration peerIdleTimeout) {
            this.peerIdleTimeout = peerIdleTimeout;
        }

    }

    /** Delays between attempts to (re)connect to a peer. */
    public static class Backoff {

        /**
         * Delay before the first reconnect attempt.
         */
        private Duration initial = Duration.ofMillis(100);

        /**
         * Maximum delay between reconnect attempts.
         */
        private Duration max = Duration.ofSeconds(10);

        /**
         * Factor applied to the delay after each failed attempt, at least 1.
         */
        private double multiplier = 2.0;

        /**
         * Fraction (0 to 1) by which each delay is randomly shortened or lengthened.
         */
        private double jitter = 0.2;

        public Duration getInitial() {
            return this.initial;
        }

        public void setInitial(Duration initial) {
            this.initial = initial;
        }

        public Duration getMax() {
            return this.max;
        }

        public void setMax(Duration max) {
            this.max = max;
        }

        public double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public double getJitter() {
            return this.jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

    }

    /** The threads that run {@code @MessageListener} methods. */
    public static class Listener {

        /**
         * Number of handler threads taking frames off the receive queue. 1 keeps order within a
         * lane. A listener's own concurrency or batches do not change it: they run on the
         * listener's own threads.
         */
        private int concurrency = 1;

        /**
         * Maximum messages waiting for the threads of a listener with a concurrency limit (past
         * it the handler thread waits for room, for at most cupnet.ack.timeout), and batches
         * waiting for a batch listener's thread (past it the handler thread runs the batch).
         */
        private int queueCapacity = 100;

        /**
         * Whether handler threads are virtual threads (Java 21 or later).
         */
        private boolean virtualThreads = false;

        /**
         * Where listeners run: handler-threads take frames off the receive queue; io-thread
         * runs them on the connection's I/O thread with no hand-off, for the lowest latency,
         * and only suits listeners that never block (no batch listeners, no returned futures).
         */
        private DispatchMode dispatch = DispatchMode.HANDLER_THREADS;

        public int getConcurrency() {
            return this.concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public int getQueueCapacity() {
            return this.queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public boolean isVirtualThreads() {
            return this.virtualThreads;
        }

        public void setVirtualThreads(boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
        }

        public DispatchMode getDispatch() {
            return this.dispatch;
        }

        public void setDispatch(DispatchMode dispatch) {
            this.dispatch = dispatch;
        }

    }

    /**
     * CUP heartbeats (HEART_BEAT, type 1, answered with ACK_HEART_BEAT, type 6) on outbound
     * connections. Heartbeats from peers are always answered; Python CUP's library itself
     * neither sends nor answers them.
     */
    public static class Heartbeat {

        /**
         * Time between two heartbeats on an outbound connection that receives no other frame;
         * 0 sends none.
         */
        private Duration interval = Duration.ZERO;

        /**
         * Heartbeat intervals without any frame from the peer after which its connection is
         * closed as half-open.
         */
        private int misses = 3;

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public int getMisses() {
            return this.misses;
        }

        public void setMisses(int misses) {
            this.misses = misses;
        }

    }

    /** The Micrometer meters of the node (cupnet.*), when a MeterRegistry is present. */
    public static class Metrics {

        /**
         * Whether cupnet.connections.open and cupnet.send.queue.depth carry a 'peer' tag
         * (the peer's listening ip:port) instead of one sum per direction and lane.
         */
        private boolean perPeer = false;

        /**
         * Maximum number of peers with their own 'peer' tag; the others add up under
         * peer=other.
         */
        private int maxPeers = 100;

        /**
         * How often the per-peer gauges read the connections and send queues again.
         */
        private Duration peerRefreshInterval = Duration.ofSeconds(5);

        public boolean isPerPeer() {
            return this.perPeer;
        }

        public void setPerPeer(boolean perPeer) {
            this.perPeer = perPeer;
        }

        public int getMaxPeers() {
            return this.maxPeers;
        }

        public void setMaxPeers(int maxPeers) {
            this.maxPeers = maxPeers;
        }

        public Duration getPeerRefreshInterval() {
            return this.peerRefreshInterval;
        }

        public void setPeerRefreshInterval(Duration peerRefreshInterval) {
            this.peerRefreshInterval = peerRefreshInterval;
        }

    }

    /**
     * TLS on every connection, inbound and outbound: a cupnet extension that Python CUP peers
     * cannot speak.
     */
    public static class Tls {

        /**
         * Whether every connection, inbound and outbound, uses TLS. Python CUP peers can then
         * neither connect to this node nor be reached from it.
         */
        private boolean enabled = false;

        /**
         * Name of a Spring Boot SSL bundle (spring.ssl.bundle.pem.* or spring.ssl.bundle.jks.*)
         * with this node's key and the trusted certificates; used instead of the PEM locations.
         */
        private String bundle;

        /**
         * Location of the PEM file with this node's certificate followed by its intermediate
         * certificates: a path, file: or classpath: (outside a jar).
         */
        private String certificate;

        /**
         * Location of the PEM file with this node's PKCS#8 private key ("BEGIN PRIVATE KEY" or
         * "BEGIN ENCRYPTED PRIVATE KEY").
         */
        private String privateKey;

        /**
         * Password of an encrypted private key.
         */
        private String privateKeyPassword;

        /**
         * Location of the PEM file with the CA certificates that peers' certificates must chain
         * to. Without it the JDK's default trust store is used, which only suits public CAs.
         */
        private String trustCertificates;

        /**
         * Whether peers connecting to this node must present a certificate: NONE, OPTIONAL, or
         * REQUIRE (mutual TLS). OPTIONAL and REQUIRE need trust certificates.
         */
        private TlsOptions.ClientAuth clientAuth = TlsOptions.ClientAuth.NONE;

        /**
         * Whether outbound connections check that the peer's certificate names the IP address
         * connected to (an IP subject alternative name). Off by default, as CUP addresses peers
         * by IP: then any certificate from a trusted CA is accepted from any address.
         */
        private boolean verifyHostname = false;

        /**
         * Maximum time for a TLS handshake and the greeting that confirms it.
         */
        private Duration handshakeTimeout = Duration.ofSeconds(10);

        /**
         * TLS protocol versions to enable, such as TLSv1.3. The JDK's defaults when empty.
         */
        private List<String> protocols = new ArrayList<>();

        /**
         * Cipher suites to enable, in order of preference. The JDK's defaults when empty.
         */
        private List<String> ciphers = new ArrayList<>();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getBundle() {
            return this.bundle;
        }

        public void setBundle(String bundle) {
            this.bundle = bundle;
        }

        public String getCertificate() {
            return this.certificate;
        }

        public void setCertificate(String certificate) {
            this.certificate = certificate;
        }

        public String getPrivateKey() {
            return this.privateKey;
        }

        public void setPrivateKey(String privateKey) {
            this.privateKey = privateKey;
        }

        public String getPrivateKeyPassword() {
            return this.privateKeyPassword;
        }

        public void setPrivateKeyPassword(String privateKeyPassword) {
            this.privateKeyPassword = privateKeyPassword;
        }

        public String getTrustCertificates() {
            return this.trustCertificates;
        }

        public void setTrustCertificates(String trustCertificates) {
            this.trustCertificates = trustCertificates;
        }

        public TlsOptions.ClientAuth getClientAuth() {
            return this.clientAuth;
        }

        public void setClientAuth(TlsOptions.ClientAuth clientAuth) {
            this.clientAuth = clientAuth;
        }

        public boolean isVerifyHostname() {
            return this.verifyHostname;
        }

        public void setVerifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
        }

        public Duration getHandshakeTimeout() {
            return this.handshakeTimeout;
        }

        public void setHandshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
        }

        public List<String> getProtocols() {
            return this.protocols;
        }

        public void setProtocols(List<String> protocols) {
            this.protocols = protocols;
        }

        public List<String> getCiphers() {
            return this.ciphers;
        }

        public void setCiphers(List<String> ciphers) {
            this.ciphers = ciphers;
        }

    }

}
