package io.cupnet;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.cupnet.DeliveryException.Reason;
import io.cupnet.internal.ack.AckTracker;
import io.cupnet.internal.ack.AckTrackingView;
import io.cupnet.internal.ack.DedupWindow;
import io.cupnet.internal.ack.PendingAck;
import io.cupnet.internal.ack.PendingAckLimits;
import io.cupnet.internal.dispatch.MessageDispatcher;
import io.cupnet.internal.dispatch.ReceiveQueue;
import io.cupnet.internal.heartbeat.Heartbeats;
import io.cupnet.internal.transport.ConnectionManager;
import io.cupnet.internal.transport.ConnectionsView;
import io.cupnet.internal.transport.FrameSink;
import io.cupnet.internal.transport.InFlight;
import io.cupnet.internal.transport.NettyTransport;
import io.cupnet.internal.transport.OutboundAcks;
import io.cupnet.internal.transport.OutboundMessage;
import io.cupnet.internal.transport.PeerConnection;
import io.cupnet.internal.transport.Settlements;
import io.cupnet.internal.transport.TrackedFuture;
import io.cupnet.internal.wire.UniqIdGenerator;
import io.cupnet.metrics.CupnetStats;
import io.cupnet.options.AckOptions;
import io.cupnet.options.CupnetOptions;
import io.cupnet.options.ReceiveOptions;
import io.cupnet.options.ServerOptions;
import io.cupnet.options.TransportOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timer;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cupnet node: listens for CUP012-3 peers, sends messages to them over one lazily
 * opened connection per peer, and hands received messages to a {@link MessageHandler}.
 *
 * <p>Lifecycle, as oslo.messaging's message handling server: {@link #start()} binds and
 * starts dispatch; {@link #stop()} takes no new connections, frames or sends;
 * {@link #awaitTermination(Duration)} handles the frames already received, flushes the
 * send queues and waits for pending acks, then fails whatever is left with
 * {@link Reason#SHUTDOWN} and closes every connection. {@link #close()} does both.
 * A stopped message center cannot be started again.
 */
public final class MessageCenter implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(MessageCenter.class);

    private final CupnetOptions options;

    private final MessageHandler handler;

    private final CupnetStats stats = new CupnetStats();

    private final UniqIdGenerator uniqIds = new UniqIdGenerator();

    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

    private final InFlight inFlight = new InFlight();

    private final Object terminationLock = new Object();

    private NettyTransport transport;

    private EventLoopGroup group;

    /** Whether this center made {@link #group} and shuts it down, rather than the options supplying it. */
    private boolean ownsGroup;

    private Timer timer;

    /** Whether this center made {@link #timer} and stops it, rather than the options supplying it. */
    private boolean ownsTimer;

    private AckTracker acks;

    private PendingAckLimits ackLimits;

    private ConnectionManager connections;

    private ReceiveQueue receiveQueue;

    private MessageDispatcher dispatcher;

    private ExecutorService ownedHandlerExecutor;

    private Channel serverChannel;

    private volatile PeerAddress localAddress;

    private InetSocketAddress boundAddress;

    private boolean terminatedCleanly;

    private final Connections connectionsView = new ConnectionsView(() -> this.connections);

    private final AckTracking ackView = new AckTrackingView(() -> this.acks, this.stats, this::pendingAcksOf,
            this::pendingAcksByPeer);

    /**
     * A center that is not started yet; {@link #start()} binds and starts it.
     * @param options its options, already validated by {@link CupnetOptions.Builder#build()}
     * @param handler receives every frame that is not an ack or a heartbeat
     */
    public MessageCenter(CupnetOptions options, MessageHandler handler) {
        this.options = options;
        this.handler = handler;
    }

    /**
     * Binds the server socket and starts dispatching received messages.
     * @throws IllegalStateException when already started, or when the address cannot be bound or advertised
     */
    public void start() {
        if (!this.state.compareAndSet(State.NEW, State.STARTING)) {
            throw new IllegalStateException("MessageCenter is " + this.state.get().describe()
                    + "; start() may be called once, create a new MessageCenter to start again");
        }
        try {
            doStart();
            this.state.set(State.RUNNING);
        }
        catch (RuntimeException ex) {
            this.state.set(State.FAILED);
            releaseResources();
            throw ex;
        }
        notifyStarted();
    }

    private void notifyStarted() {
        try {
            this.stats.started();
        }
        catch (RuntimeException ex) {
            logger.warn("cupnet {} started, but its stats listener failed on start; metrics may be incomplete",
                    this.localAddress, ex);
        }
    }

    private void doStart() {
        requireAdvertisableHost();
        TransportOptions transportOptions = this.options.transport();
        if (transportOptions.eventLoopGroup() != null) {
            this.transport = NettyTransport.of(transportOptions.eventLoopGroup(), transportOptions.type());
            this.group = transportOptions.eventLoopGroup();
        }
        else {
            this.transport = NettyTransport.choose(transportOptions.type());
            this.group = this.transport.newEventLoopGroup(transportOptions.ioThreads(), "cupnet-io");
            this.ownsGroup = true;
        }
        AckOptions ack = this.options.ack();
        if (ack.timer() != null) {
            this.timer = ack.timer();
        }
        else {
            this.timer = new HashedWheelTimer(new DefaultThreadFactory("cupnet-ack-timer", true), 10,
                    TimeUnit.MILLISECONDS);
            this.ownsTimer = true;
        }
        this.acks = new AckTracker(this.timer, ack.retryInterval(), ack.timeout(),
                this.options.send().deliveryTimeout(), this::resend, this::notWritten, this.stats);
        this.ackLimits = new PendingAckLimits(ack.maxPending(), ack.maxPendingPerPeer());
        this.connections = new ConnectionManager(this.options, this.transport, this.group, this.stats, new Inbox(),
                new Settler(), new Heartbeats(this.options, this.stats, () -> this.localAddress), this.ackLimits);
        ReceiveOptions receive = this.options.receive();
        this.receiveQueue = new ReceiveQueue(receive.highWatermark(), receive.lowWatermark(),
                receive.highWatermarkBytes(), receive.lowWatermarkBytes(), this.connections);
        this.dispatcher = new MessageDispatcher(this.receiveQueue, this.handler, ack.mode(),
                new DedupWindow(ack.dedupWindow()), this::sendAcks, this.stats,
                this.options.listener().concurrency(), this.options.listener().dispatch());
        this.serverChannel = bind();
        InetSocketAddress bound = (InetSocketAddress) this.serverChannel.localAddress();
        ServerOptions server = this.options.server();
        String advertised = (server.advertisedHost() != null) ? server.advertisedHost() : server.host();
        this.localAddress = PeerAddress.of(advertised, bound.getPort());
        this.boundAddress = bound;
        this.dispatcher.start(startHandlerExecutor());
        logger.info("cupnet listening on {} as {} ({} transport)", bound, this.localAddress, this.transport.name());
    }

    private void requireAdvertisableHost() {
        ServerOptions server = this.options.server();
        if (server.advertisedHost() == null && PeerAddress.of(server.host(), 0).isWildcard()) {
            throw new IllegalStateException("cupnet binds " + server.host()
                    + " and has no advertised host, so peers would be told to answer 0.0.0.0; set the advertised host "
                    + "(option server.advertisedHost) to the IPv4 address peers reach this node at");
        }
        if (server.advertisedHost() != null && PeerAddress.of(server.advertisedHost(), 0).isWildcard()) {
            throw new IllegalStateException("The advertised host must be an address peers can reach, not "
                    + server.advertisedHost() + "; set it to this node's IPv4 address");
        }
    }

    private Channel bind() {
        ServerOptions server = this.options.server();
        ChannelFuture bound = this.connections.serverBootstrap()
            .bind(server.host(), server.port())
            .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("Cannot bind cupnet to " + server.host() + ":" + server.port()
                    + ": " + bound.cause().getMessage()
                    + "; choose another port (0 picks a free one) or stop the process that holds it", bound.cause());
        }
        return bound.channel();
    }

    private Executor startHandlerExecutor() {
        if (this.options.listener().executor() != null) {
            return this.options.listener().executor();
        }
        this.ownedHandlerExecutor = Executors.newFixedThreadPool(this.options.listener().concurrency(),
                namedThreads("cupnet-handler-"));
        return this.ownedHandlerExecutor;
    }

    /**
     * Sends a message to its {@code to} address. A missing {@code from} is this node's
     * address (stub and future kept when given), a missing uniq id a fresh one.
     * @return a future that completes when the frame is written (plain) or acknowledged
     * (FLAG_NEEDACK), or exceptionally with a {@link DeliveryException} naming the reason
     */
    public CompletableFuture<DeliveryResult> send(CupMessage message) {
        State current = this.state.get();
        if (current != State.RUNNING) {
            return failed(Reason.NOT_RUNNING, message, "MessageCenter is " + current.describe()
                    + ((current == State.NEW) ? "; call start() first" : "; it takes no new sends"));
        }
        String invalid = validate(message);
        if (invalid != null) {
            return failed(Reason.INVALID_MESSAGE, message, invalid);
        }
        return submit(addressed(message), true);
    }

    private String validate(CupMessage message) {
        if (message.to() == null) {
            return "the message has no 'to' address";
        }
        if (message.to().sameEndpoint(this.localAddress)) {
            return "the message is addressed to this node itself (" + this.localAddress + ")";
        }
        int length = message.frameLength(true);
        int maxFrameSize = this.options.transport().maxFrameSize();
        if (length > maxFrameSize) {
            return "frame length " + length + " exceeds the maximum frame length " + maxFrameSize
                    + "; send a smaller body, or raise option transport.maxFrameSize here and on the peer";
        }
        return null;
    }

    private CupMessage addressed(CupMessage message) {
        PeerAddress from = (message.from() != null)
                ? this.localAddress.withSubEndpoint(message.from().stub(), message.from().future()) : this.localAddress;
        UniqId uniqId = (message.uniqId() != null) ? message.uniqId() : this.uniqIds.next();
        return message.withOrigin(from, uniqId);
    }

    private CompletableFuture<DeliveryResult> submit(CupMessage message, boolean takesPermit) {
        PeerConnection peer = this.connections.peer(message.to());
        if (peer == null) {
            return failed(Reason.TOO_MANY_PEERS, message, "this node keeps state for "
                    + this.options.connection().maxPeers() + " peers, the maximum, and " + message.to()
                    + " is not one of them; raise option connection.maxPeers or lower option "
                    + "connection.peerIdleTimeout");
        }
        if (message.needsAck()) {
            String tooManyAcks = this.ackLimits.tryAcquire(message.to(), peer.pendingAckSlots());
            if (tooManyAcks != null) {
                this.stats.pendingAcksRefused().increment();
                return failed(Reason.TOO_MANY_PENDING_ACKS, message, tooManyAcks);
            }
        }
        if (takesPermit && !reserve(peer)) {
            releaseAckSlot(message, peer);
            return failed(Reason.QUEUE_FULL, message, "the send queue to " + message.to() + " is full ("
                    + this.options.send().queueCapacity() + " frames); slow down, raise the send queue capacity "
                    + "or use the WAIT overflow policy");
        }
        OutboundMessage outbound = outbound(message, takesPermit, peer);
        if (outbound == null) {
            if (takesPermit) {
                peer.queue().release();
            }
            releaseAckSlot(message, peer);
            return failed(Reason.DUPLICATE_UNIQ_ID, message, "a need-ack message with uniq id " + message.uniqId()
                    + " to " + message.to() + " is still waiting for its ack; give each need-ack message its own uniq "
                    + "id, or leave it unset for a fresh one");
        }
        try {
            peer.enqueue(outbound);
        }
        catch (RejectedExecutionException ex) {
            outbound.future().completeExceptionally(
                    new DeliveryException(Reason.NOT_RUNNING, message.to(), message.uniqId(), "MessageCenter shut down"));
        }
        return outbound.future();
    }

    /**
     * A queue entry for a message; a need-ack one is registered with the ack tracker and holds its peer's slot.
     * {@code null} when a need-ack message with the same uniq id to the same peer still waits for its ack.
     */
    private OutboundMessage outbound(CupMessage message, boolean holdsPermit, PeerConnection peer) {
        CompletableFuture<DeliveryResult> future = new TrackedFuture(this.inFlight, this.stats, message.type());
        if (message.needsAck()) {
            PendingAck pending;
            try {
                pending = this.acks.register(message, future, peer.pendingAckSlots());
            }
            catch (IllegalStateException duplicate) {
                // Nobody holds this future: it leaves the in-flight count rather than wait there forever.
                future.cancel(false);
                return null;
            }
            return new OutboundMessage(message, future, pending, holdsPermit, pending.firstWriteDeadlineNanos());
        }
        return new OutboundMessage(message, future, null, holdsPermit,
                System.nanoTime() + this.options.send().deliveryTimeout().toNanos());
    }

    /**
     * The failure of a need-ack message that the ack tracker gave up before its first write, at the earlier of
     * the delivery timeout and the ack timeout: PEER_UNREACHABLE with its peer's latest connect error, as a plain
     * message that could not be written fails.
     */
    private DeliveryException notWritten(PendingAck pending) {
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(pending.firstWriteDeadlineNanos() - pending.sentAtNanos());
        PeerConnection peer = this.connections.find(pending.to());
        if (peer == null) {
            return new DeliveryException(Reason.PEER_UNREACHABLE, pending.to(), pending.uniqId(),
                    "the message to " + pending.to() + " was not written within " + waitedMillis + " ms");
        }
        return peer.notWritten(pending.uniqId(), waitedMillis);
    }

    private boolean reserve(PeerConnection peer) {
        if (peer.queue().tryReserve()) {
            return true;
        }
        if (this.options.send().overflowPolicy() != OverflowPolicy.WAIT || isEventLoopThread()) {
            return false;
        }
        try {
            return peer.queue().reserve(this.options.send().overflowWait());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives back the pending-ack slot taken for a need-ack message that will not be registered. */
    private static void releaseAckSlot(CupMessage message, PeerConnection peer) {
        if (message.needsAck()) {
            peer.pendingAckSlots().giveBack();
        }
    }

    /** Whether the caller is a Netty I/O thread (cupnet's or another library's), which must never block. */
    private static boolean isEventLoopThread() {
        return Thread.currentThread() instanceof FastThreadLocalThread;
    }

    private CompletableFuture<DeliveryResult> failed(Reason reason, CupMessage message, String why) {
        this.stats.sendFailed(message.type());
        return CompletableFuture
            .failedFuture(new DeliveryException(reason, message.to(), message.uniqId(), why));
    }

    private void resend(PendingAck pending) {
        try {
            PeerConnection peer = this.connections.peer(pending.message().to());
            if (peer == null) {
                this.acks.fail(pending, new DeliveryException(Reason.TOO_MANY_PEERS, pending.message().to(),
                        pending.message().uniqId(), "this node keeps state for its maximum number of peers "
                                + "(option connection.maxPeers)"));
                return;
            }
            peer.enqueue(new OutboundMessage(pending.message(), pending.future(), pending, false,
                    pending.deadlineNanos()));
        }
        catch (RejectedExecutionException ex) {
            logger.debug("Not resending {}: the event loops are shut down", pending.message().uniqId());
        }
    }

    /** Queues the acks of received need-ack frames, one queue entry per run of frames from the same peer. */
    private void sendAcks(List<CupMessage> received) {
        long deadline = System.nanoTime() + this.options.send().deliveryTimeout().toNanos();
        this.inFlight.add(received.size());
        int start = 0;
        PeerConnection peer = null;
        try {
            while (start < received.size()) {
                PeerAddress sender = received.get(start).from();
                int end = start + 1;
                while (end < received.size() && sender.equals(received.get(end).from())) {
                    end++;
                }
                List<CupMessage> run = received.subList(start, end);
                start = end;
                peer = this.connections.peer(sender);
                if (peer == null) {
                    this.stats.acksDropped().add(run.size());
                    this.inFlight.finish(run.size());
                }
                else {
                    peer.enqueueAcks(OutboundAcks.of(run, deadline));
                }
            }
        }
        catch (RejectedExecutionException ex) {
            this.inFlight.finish(received.size() - start);
            peer.failQueued(Reason.NOT_RUNNING, "MessageCenter shut down before the ack was written");
        }
    }

    /** Takes no new connections, frames or sends; what is already in flight goes on. Idempotent. */
    public void stop() {
        if (this.state.compareAndSet(State.RUNNING, State.STOPPING)) {
            this.serverChannel.close();
            this.dispatcher.close();
            logger.info("cupnet {} stopping: draining {} received frame(s) and {} send(s) in flight",
                    this.localAddress, this.receiveQueue.size(), this.inFlight.count());
        }
        else {
            this.state.compareAndSet(State.NEW, State.TERMINATED);
        }
    }

    /**
     * Stops if still running, then drains until the timeout: handles the frames already
     * received, waits for the messages handlers deferred, writes the queued frames and waits
     * for pending acks. Whatever is left
     * fails with {@link Reason#SHUTDOWN} and is counted in a log line; then every
     * connection closes and every thread stops.
     * @return whether everything finished before the timeout
     * @throws IllegalStateException when called on one of this center's event loops, which it would wait for
     */
    public boolean awaitTermination(Duration timeout) {
        requireNotOnEventLoop();
        synchronized (this.terminationLock) {
            stop();
            if (this.state.get() != State.STOPPING) {
                return this.terminatedCleanly;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean interrupted = false;
            List<CupMessage> unhandled = List.of();
            boolean flushed = false;
            try {
                unhandled = this.dispatcher.drain(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                boolean settled = this.dispatcher
                    .awaitDeferred(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                flushed = this.inFlight.awaitZero(deadline) && settled;
            }
            catch (InterruptedException ex) {
                interrupted = true;
            }
            int failed = releaseResources();
            this.terminatedCleanly = unhandled.isEmpty() && flushed && failed == 0;
            report(unhandled, failed);
            this.state.set(State.TERMINATED);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return this.terminatedCleanly;
        }
    }

    /** Waiting on an event loop for that loop's own work would hang: refuse at once. */
    private void requireNotOnEventLoop() {
        EventLoopGroup loops = this.group;
        if (loops == null) {
            return;
        }
        for (EventExecutor loop : loops) {
            if (loop.inEventLoop()) {
                throw new IllegalStateException("MessageCenter " + this.localAddress + " cannot be closed or awaited "
                        + "on its own I/O thread " + Thread.currentThread().getName() + ", which it would wait for "
                        + "forever; call stop() there, or close() from another thread (for example an executor)");
            }
        }
    }

    /**
     * Stops and drains for at most the configured shutdown timeout.
     * @throws IllegalStateException when called on one of this center's event loops
     */
    @Override
    public void close() {
        awaitTermination(this.options.shutdownTimeout());
    }

    private void report(List<CupMessage> unhandled, int failed) {
        if (!unhandled.isEmpty()) {
            logger.warn("cupnet {} shut down with {} received frame(s) not handled; need-ack ones were not acked "
                    + "and their senders will resend them", this.localAddress, unhandled.size());
        }
        if (failed > 0) {
            logger.warn("cupnet {} shut down with {} send(s) not delivered; their futures failed with SHUTDOWN",
                    this.localAddress, failed);
        }
        logger.info("cupnet {} terminated {}", this.localAddress, this.terminatedCleanly ? "cleanly" : "with losses");
    }

    /** Closes connections, stops threads and fails every send still in flight; returns how many failed. */
    private int releaseResources() {
        if (this.connections != null) {
            this.connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (this.group != null && this.ownsGroup) {
            this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        int failed = 0;
        String why = "MessageCenter shut down before the message was delivered";
        if (this.connections != null) {
            for (PeerConnection peer : this.connections.peers()) {
                failed += peer.shutDown(Reason.SHUTDOWN, why, 5_000);
            }
        }
        if (this.acks != null) {
            this.acks.close();
            failed += this.acks.failAll(Reason.SHUTDOWN, why);
        }
        if (this.timer != null && this.ownsTimer) {
            this.timer.stop();
        }
        if (this.ownedHandlerExecutor != null) {
            this.ownedHandlerExecutor.shutdownNow();
        }
        return failed;
    }

    /** The address this node puts in {@code from}: the advertised host and the bound port. */
    public PeerAddress localAddress() {
        requireStarted();
        return this.localAddress;
    }

    /** The bound port, useful after binding port 0. */
    public int port() {
        requireStarted();
        return this.localAddress.port();
    }

    /** Where the center is in its lifecycle. */
    public State state() {
        return this.state.get();
    }

    /** The counters of everything the center did, read live. */
    public CupnetStats stats() {
        return this.stats;
    }

    /** The options the center was built with. */
    public CupnetOptions options() {
        return this.options;
    }

    /** A fresh uniq id from this node's generator. */
    public UniqId nextUniqId() {
        return this.uniqIds.next();
    }

    /** Number of need-ack messages waiting for their ack; the same as {@code acks().pending()}. */
    public int pendingAcks() {
        return this.ackView.pending();
    }

    /**
     * The need-ack messages waiting for their ack (overall and per peer) and the outcome counts of the others: a
     * live view for operators, the same object for the center's whole life.
     */
    public AckTracking acks() {
        return this.ackView;
    }

    /**
     * The connections and send queues, with a way to close a peer's connections: a live view for operators, the
     * same object for the center's whole life.
     */
    public Connections connections() {
        return this.connectionsView;
    }

    private int pendingAcksOf(PeerAddress peer) {
        ConnectionManager current = this.connections;
        return (current != null) ? current.pendingAcks(peer) : 0;
    }

    private Map<PeerAddress, Integer> pendingAcksByPeer() {
        ConnectionManager current = this.connections;
        return (current != null) ? current.pendingAcksByPeer() : Map.of();
    }

    /** Number of received frames waiting for a handler. */
    public int receiveQueueSize() {
        return (this.receiveQueue != null) ? this.receiveQueue.size() : 0;
    }

    /** The largest number of received frames that waited for a handler at once. */
    public int receiveQueueMaxSize() {
        return (this.receiveQueue != null) ? this.receiveQueue.maxSizeSeen() : 0;
    }

    /** Bytes of the received frames waiting for a handler: header and body of each. */
    public long receiveQueueBytes() {
        return (this.receiveQueue != null) ? this.receiveQueue.bytes() : 0;
    }

    /** The most bytes of received frames that waited for a handler at once. */
    public long receiveQueueMaxBytes() {
        return (this.receiveQueue != null) ? this.receiveQueue.maxBytesSeen() : 0;
    }

    /** Whether reading from sockets is paused because the receive queue passed a high watermark, in frames or bytes. */
    public boolean isReadingPaused() {
        return this.connectionsView.isReadingPaused();
    }

    /** Number of open connections, inbound and outbound; the same as {@code connections().openConnections()}. */
    public int openConnections() {
        return this.connectionsView.openConnections();
    }

    /** Open connections in one direction; the same as {@code connections().openConnections(direction)}. */
    public int openConnections(PeerSnapshot.Direction direction) {
        return this.connectionsView.openConnections(direction);
    }

    /** Frames waiting in one lane of every peer's send queue; as {@code connections().sendQueueDepth(lane)}. */
    public int sendQueueDepth(Lane lane) {
        return this.connectionsView.sendQueueDepth(lane);
    }

    /**
     * A read-only view of every open connection and of every outbound peer without one; it
     * walks every connection, so call it for operators, not per message. The same as {@code connections().peers()}.
     */
    public List<PeerSnapshot> peers() {
        return this.connectionsView.peers();
    }

    /**
     * The socket address the server is bound to (the bind host and the real port), or
     * {@code null} when it never bound; once it is set, so is {@link #localAddress()}.
     */
    public InetSocketAddress boundAddress() {
        return this.boundAddress;
    }

    /**
     * The executor that runs the handler threads: the one the options name, or else the pool
     * this center creates when it starts ({@code null} before).
     */
    public Executor handlerExecutor() {
        Executor supplied = this.options.listener().executor();
        return (supplied != null) ? supplied : this.ownedHandlerExecutor;
    }

    /**
     * The event loops that run every connection once started, otherwise {@code null}: the group of option
     * {@code transport.eventLoopGroup} when one was supplied, else the one this center made.
     */
    public EventLoopGroup eventLoops() {
        return this.group;
    }

    /** Closes the outbound connection to a peer and the inbound ones it opened; returns how many closed. */
    public int closePeer(PeerAddress peer) {
        requireStarted();
        return this.connectionsView.closePeer(peer);
    }

    private void requireStarted() {
        if (this.localAddress == null) {
            throw new IllegalStateException("MessageCenter is " + this.state.get().describe() + "; call start() first");
        }
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return (runnable) -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Takes the frames every connection decodes: acks to the ack tracker, the rest to the dispatcher. */
    private final class Inbox implements FrameSink {

        @Override
        public void onAcks(List<CupMessage> acks) {
            MessageCenter.this.acks.onAcks(acks);
        }

        @Override
        public void onFrames(List<CupMessage> frames) {
            int dropped = MessageCenter.this.dispatcher.accept(frames);
            if (dropped > 0) {
                MessageCenter.this.stats.framesDroppedAfterStop().add(dropped);
                logger.debug("Dropped {} frame(s): MessageCenter {} is stopping", dropped,
                        MessageCenter.this.localAddress);
            }
        }

    }

    /** Settles what peer connections cannot complete themselves: need-ack failures and acks that left. */
    private final class Settler implements Settlements {

        @Override
        public void failPending(PendingAck pending, DeliveryException cause) {
            MessageCenter.this.acks.fail(pending, cause);
        }

        @Override
        public void acksSettled(int count) {
            MessageCenter.this.inFlight.finish(count);
        }

    }

    /** The lifecycle states of a message center, in order. */
    public enum State {

        NEW, STARTING, RUNNING, STOPPING, TERMINATED,

        /** {@code start()} failed, for example because the port was taken. */
        FAILED;

        String describe() {
            return name().toLowerCase(Locale.ROOT);
        }

    }

}
