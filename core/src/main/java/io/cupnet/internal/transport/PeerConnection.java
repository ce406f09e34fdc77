package io.cupnet.internal.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cupnet.DeliveryException.Reason;
import io.cupnet.DeliveryException;
import io.cupnet.DeliveryResult;
import io.cupnet.MessageTypes;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.internal.ack.SlotCount;
import io.cupnet.internal.tls.TlsHandshakeException;
import io.cupnet.metrics.CupnetStats;
import io.cupnet.metrics.TypeRuns;
import io.cupnet.options.Backoff;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.EncoderException;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound side of one peer: its send queue and the connection that drains it,
 * opened lazily and reopened with backoff while frames wait.
 *
 * <p>All connection state lives on one event loop, so it needs no locks: other threads
 * only add to the queue and ask the loop to drain it. Frames are written while the
 * channel is writable and flushed once per drain.
 */
public final class PeerConnection {

    private static final Logger logger = LoggerFactory.getLogger(PeerConnection.class);

    private final PeerAddress peer;

    private final EventLoop loop;

    private final SendQueue queue;

    private final Connector connector;

    private final Settlements settlements;

    private final CupnetStats stats;

    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private final Runnable drainTask = this::drain;

    private final SlotCount pendingAckSlots;

    private final int maxQueuedAcks;

    /** Whether a full ack lane was logged: once per peer, the count tells the rest. */
    private boolean ackLaneFullReported;

    private final List<OutboundMessage> unwritten = new ArrayList<>();

    private final List<OutboundAcks> unwrittenAcks = new ArrayList<>();

    private Channel channel;

    private boolean connecting;

    /** Consecutive failed attempts, a connection that closed soon after opening included. */
    private int failures;

    private boolean everConnected;

    /** {@link System#nanoTime()} before which no connection attempt starts: the backoff in force. */
    private long notBefore;

    private long connectedAt;

    private ScheduledFuture<?> reconnect;

    /** {@link System#nanoTime()} of the latest drain, connection or close: when the peer was last used. */
    private long lastActive;

    /** Set once the connection manager forgot this peer: what still reaches it goes on to its successor. */
    private volatile boolean retired;

    /** Why the latest connection attempt failed, {@code null} once one succeeded; read from other threads. */
    private volatile Throwable lastConnectFailure;

    /** Whether a connection is open, for other threads. */
    private volatile boolean connected;

    PeerConnection(PeerAddress peer, EventLoop loop, int capacity, Connector connector, Settlements settlements,
            CupnetStats stats, SlotCount pendingAckSlots, int maxQueuedAcks) {
        this.peer = peer;
        this.loop = loop;
        this.queue = new SendQueue(capacity);
        this.connector = connector;
        this.settlements = settlements;
        this.stats = stats;
        this.pendingAckSlots = pendingAckSlots;
        this.maxQueuedAcks = maxQueuedAcks;
        this.notBefore = System.nanoTime();
        this.lastActive = this.notBefore;
    }

    PeerAddress peer() {
        return this.peer;
    }

    EventLoop loop() {
        return this.loop;
    }

    boolean isRetired() {
        return this.retired;
    }

    /**
     * Retires this peer when it has nothing queued, no ack pending, no connection and no attempt under way, and
     * has been so for {@code idleNanos}; on the event loop. Returns whether it retired.
     */
    boolean retireIfIdle(long idleNanos) {
        if (this.retired || this.channel != null || this.connecting || this.reconnect != null
                || !this.queue.isEmpty() || !this.unwritten.isEmpty() || !this.unwrittenAcks.isEmpty()
                || this.pendingAckSlots.count() > 0 || System.nanoTime() - this.lastActive < idleNanos) {
            return false;
        }
        this.retired = true;
        return true;
    }

    public SendQueue queue() {
        return this.queue;
    }

    /** Need-ack messages to this peer that wait for their ack, counted against the per-peer limit. */
    public SlotCount pendingAckSlots() {
        return this.pendingAckSlots;
    }

    /** Queues a frame (its permit, if any, already taken) and has the event loop write it. */
    public void enqueue(OutboundMessage message) {
        this.queue.add(message);
        scheduleDrain();
    }

    /**
     * Queues the acks of received frames from this peer and has the event loop write them. The lane holds at most
     * option {@code ack.maxQueuedPerPeer} acks: past it the event loop drops the oldest (see {@link #drain()}).
     */
    public void enqueueAcks(OutboundAcks acks) {
        this.queue.addAcks(acks);
        scheduleDrain();
    }

    void scheduleDrain() {
        // Reading first keeps the flag's cache line shared while a drain is already scheduled.
        if (!this.drainScheduled.get() && this.drainScheduled.compareAndSet(false, true)) {
            this.loop.execute(this.drainTask);
        }
    }

    /** Fails every queued frame and drops every queued ack; at shutdown, on the event loop or after it stopped. */
    public int failQueued(Reason reason, String why) {
        List<OutboundMessage> left = this.queue.removeIf((message) -> !message.isObsolete());
        left.forEach((message) -> fail(message, reason, why, null));
        return left.size() + dropAcks(this.queue.removeAcksIf((acks) -> true), why);
    }

    /**
     * Fails what is queued as {@link #failQueued(Reason, String)} does, and cancels a scheduled reconnect, on this
     * peer's event loop when it still runs (an event-loop group shared with others outlives the center), otherwise
     * on the caller's thread. Waits for the loop at most {@code timeoutMillis}; returns how many were failed.
     */
    public int shutDown(Reason reason, String why, long timeoutMillis) {
        if (this.loop.isShuttingDown() || this.loop.inEventLoop()) {
            return cancelReconnectAndFailQueued(reason, why);
        }
        try {
            return this.loop.submit(() -> cancelReconnectAndFailQueued(reason, why))
                .get(timeoutMillis, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 0;
        }
        catch (ExecutionException | TimeoutException | RejectedExecutionException ex) {
            logger.debug("Could not fail the frames queued to {} on its event loop", this.peer, ex);
            return 0;
        }
    }

    private int cancelReconnectAndFailQueued(Reason reason, String why) {
        if (this.reconnect != null) {
            this.reconnect.cancel(false);
            this.reconnect = null;
        }
        return failQueued(reason, why);
    }

    private void drain() {
        this.drainScheduled.set(false);
        if (this.retired) {
            handOverToSuccessor();
            return;
        }
        this.lastActive = System.nanoTime();
        dropOldestAcks();
        Channel current = this.channel;
        if (current == null || !current.isActive()) {
            connectIfIdle();
            return;
        }
        int permits = 0;
        boolean written = false;
        while (current.isWritable()) {
            WriteBatch batch = new WriteBatch(this, this.queue.pollAcks());
            OutboundMessage message;
            while (!batch.isFull() && (message = this.queue.poll()) != null) {
                permits += message.holdsPermit() ? 1 : 0;
                if (!message.isObsolete() && startWriting(message)) {
                    batch.add(message);
                }
            }
            if (!batch.isEmpty()) {
                current.write(batch, current.newPromise().addListener(batch));
                written = true;
            }
            if (!batch.isFull() && !this.queue.hasAcks()) {
                // A batch with room left took every frame that waited.
                break;
            }
        }
        // Given back once per drain: a sender blocked on a full queue is woken once, not per frame.
        this.queue.release(permits);
        if (written) {
            current.flush();
            Activity.touch(current);
        }
    }

    /**
     * Keeps the ack lane within its bound by dropping the oldest acks, counted and settled, and logged once per
     * peer: a peer that does not read its acks cannot make this node hold more. Each sender resends
     * what was not acked, and the dedup window acks the copy without handling it twice.
     */
    private void dropOldestAcks() {
        int dropped = this.queue.dropOldestAcks(this.maxQueuedAcks);
        if (dropped > 0) {
            this.stats.acksDropped().add(dropped);
            this.settlements.acksSettled(dropped);
            if (!this.ackLaneFullReported) {
                this.ackLaneFullReported = true;
                logger.warn("Dropping the oldest acks to {}: {} wait to be written, the maximum (option "
                        + "ack.maxQueuedPerPeer); the peer does not read them fast enough, and will resend the "
                        + "frames it gets no ack for", this.peer, this.maxQueuedAcks);
            }
        }
    }

    /** Moves what reached this peer after it retired to the peer connection that replaced it. */
    private void handOverToSuccessor() {
        List<OutboundMessage> messages = this.queue.removeIf((message) -> true);
        List<OutboundAcks> acks = this.queue.removeAcksIf((run) -> true);
        if (messages.isEmpty() && acks.isEmpty()) {
            return;
        }
        PeerConnection successor = this.connector.successor(this.peer);
        if (successor == null) {
            String why = "this node keeps state for its maximum number of peers (option connection.maxPeers)";
            messages.forEach((message) -> fail(message, Reason.TOO_MANY_PEERS, why, null));
            dropAcks(acks, why);
            return;
        }
        messages.forEach((message) -> successor.enqueue(message.withoutPermit()));
        acks.forEach(successor::enqueueAcks);
    }

    /** Counts a need-ack frame's write; false when it was given up unwritten meanwhile and must not be written. */
    private static boolean startWriting(OutboundMessage message) {
        return message.pending() == null || message.pending().onWriting();
    }

    /** Completes the plain sends of a batch once written, or keeps its frames for the next connection when the write failed. */
    void onWritten(WriteBatch batch, ChannelFuture future) {
        if (future.isSuccess()) {
            this.stats.messagesSent().add(batch.ackCount() + batch.frameCount());
            this.stats.bytesSent().add(batch.bytes());
            countWrittenByType(batch);
        }
        if (batch.acks() != null) {
            onAcksWritten(batch.acks(), future);
        }
        for (int i = 0; i < batch.frameCount(); i++) {
            onWritten(batch.message(i), future);
        }
    }

    /** Counts a written batch's acks and frames by type, before any of their futures completes. */
    private void countWrittenByType(WriteBatch batch) {
        TypeRuns written = this.stats.writtenRuns();
        written.count(MessageTypes.ACK_OK, batch.ackCount());
        for (int i = 0; i < batch.frameCount(); i++) {
            written.count(batch.frame(i).type());
        }
        written.flush();
    }

    private void onAcksWritten(OutboundAcks acks, ChannelFuture future) {
        if (future.isSuccess()) {
            this.settlements.acksSettled(acks.count());
        }
        else if (future.cause() instanceof EncoderException ex) {
            dropAcks(List.of(acks), "cannot encode the batch: " + ex.getMessage());
        }
        else {
            this.unwrittenAcks.add(acks);
        }
    }

    private void onWritten(OutboundMessage message, ChannelFuture future) {
        if (future.isSuccess()) {
            if (message.isPlainSend()) {
                message.future()
                    .complete(new DeliveryResult(message.message().uniqId(), this.peer, DeliveryResult.Status.SENT, 1));
            }
        }
        else if (future.cause() instanceof EncoderException ex) {
            fail(message, Reason.INVALID_MESSAGE, "cannot encode the frame: " + ex.getMessage(), ex);
        }
        else if (message.pending() == null || message.pending().claimQueueSlot()) {
            this.unwritten.add(message);
        }
    }

    private void connectIfIdle() {
        if (this.connecting || this.reconnect != null || this.queue.isEmpty() || this.connector.isClosed()) {
            return;
        }
        long wait = this.notBefore - System.nanoTime();
        if (wait > 0) {
            // Whatever asked for a drain (a send, an ack retry), the backoff in force decides when to connect.
            scheduleReconnect(wait);
            return;
        }
        this.connecting = true;
        this.stats.connectAttempts().increment();
        this.connector.connect(this.peer, this.loop).addListener((ChannelFuture future) -> onConnectDone(future));
    }

    private void onConnectDone(ChannelFuture future) {
        this.connecting = false;
        this.lastActive = System.nanoTime();
        if (future.isSuccess()) {
            onConnected(future.channel());
        }
        else {
            onConnectFailed(future.cause());
        }
    }

    private void onConnected(Channel connected) {
        if (this.everConnected) {
            this.stats.reconnects().increment();
        }
        this.everConnected = true;
        this.connectedAt = System.nanoTime();
        this.channel = connected;
        this.connected = true;
        this.lastConnectFailure = null;
        connected.attr(ConnectionManager.PEER_CONNECTION).set(this);
        connected.closeFuture().addListener((ChannelFuture future) -> onClosed(connected));
        logger.debug("Connected to {} via {}", this.peer, connected);
        drain();
    }

    private void onConnectFailed(Throwable cause) {
        this.lastConnectFailure = cause;
        this.stats.connectFailures().increment();
        long now = System.nanoTime();
        long delay = backOff(now);
        // A refused TLS handshake will not pass on a retry: what waits fails now rather than at its deadline.
        boolean refused = cause instanceof TlsHandshakeException;
        List<OutboundMessage> expired = this.queue.removeIf(
                (message) -> refused || message.isObsolete() || message.isExpired(now));
        String why = refused ? cause.getMessage()
                : "could not connect to " + this.peer + " before the message's deadline: " + cause.getMessage();
        expired.forEach((message) -> fail(message, Reason.PEER_UNREACHABLE, why, cause));
        dropAcks(this.queue.removeAcksIf((acks) -> refused || acks.isExpired(now)), why);
        logger.info("Cannot connect to {} ({}); attempt {} failed, next in {} ms", this.peer, cause.getMessage(),
                this.failures, TimeUnit.NANOSECONDS.toMillis(delay));
        scheduleReconnect(delay);
    }

    private void onClosed(Channel closed) {
        if (this.channel != closed) {
            return;
        }
        this.channel = null;
        this.connected = false;
        this.lastActive = System.nanoTime();
        long delay = delayAfterClose(this.lastActive);
        // Runs after Netty has failed the writes still buffered in the closed channel.
        this.loop.execute(() -> {
            this.queue.addFirst(this.unwritten);
            this.unwritten.clear();
            this.queue.addAcksFirst(this.unwrittenAcks);
            this.unwrittenAcks.clear();
            if (!this.queue.isEmpty()) {
                logger.info("Connection to {} closed with {} frame(s) waiting; reconnecting", this.peer,
                        this.queue.size());
                scheduleReconnect(delay);
            }
        });
    }

    /**
     * A connection that lived longer than the backoff would have waited reconnects at once; one that
     * closed sooner counts as a failed attempt, so that a peer that accepts and drops connections is
     * retried with growing delays, not in a loop.
     */
    private long delayAfterClose(long now) {
        if (now - this.connectedAt >= this.connector.backoff().delayNanos(this.failures + 1)) {
            this.failures = 0;
            this.notBefore = now;
            return 0;
        }
        return backOff(now);
    }

    /** Counts a failed attempt and sets when the next one may start; returns the delay until then. */
    private long backOff(long now) {
        this.failures++;
        long delay = this.connector.backoff().delayNanos(this.failures);
        this.notBefore = now + delay;
        return delay;
    }

    private void scheduleReconnect(long delayNanos) {
        if (this.reconnect != null || this.connector.isClosed()) {
            return;
        }
        this.reconnect = this.loop.schedule(() -> {
            this.reconnect = null;
            connectIfIdle();
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The failure of a need-ack message to this peer given up before its first write: {@code PEER_UNREACHABLE},
     * with the latest connect error as its cause when the peer could not be connected to. From any thread.
     * @param uniqId the message's uniq id
     * @param waitedMillis how long the message waited for its first write
     */
    public DeliveryException notWritten(UniqId uniqId, long waitedMillis) {
        Throwable cause = this.lastConnectFailure;
        String why;
        if (cause != null) {
            why = "could not connect to " + this.peer + " within " + waitedMillis + " ms, so the message was never "
                    + "written: " + cause.getMessage();
        }
        else if (this.connected) {
            why = "the connection to " + this.peer + " is open, but the message was not written within "
                    + waitedMillis + " ms: the peer does not read what it is sent fast enough";
        }
        else {
            why = "no connection to " + this.peer + " was opened within " + waitedMillis + " ms (option "
                    + "connect.timeout), so the message was never written";
        }
        return new DeliveryException(Reason.PEER_UNREACHABLE, this.peer, uniqId, why, cause);
    }

    /** Drops acks that cannot be written; returns how many. Each peer resends, and this node acks the copy. */
    private int dropAcks(List<OutboundAcks> dropped, String why) {
        int count = 0;
        for (OutboundAcks acks : dropped) {
            count += acks.count();
        }
        if (count > 0) {
            logger.debug("{} ack(s) to {} not written: {}", count, this.peer, why);
            this.settlements.acksSettled(count);
        }
        return count;
    }

    private void fail(OutboundMessage message, Reason reason, String why, Throwable cause) {
        if (message.pending() != null) {
            this.settlements.failPending(message.pending(),
                    new DeliveryException(reason, this.peer, message.message().uniqId(), why, cause));
        }
        else {
            message.future()
                .completeExceptionally(new DeliveryException(reason, this.peer, message.message().uniqId(), why, cause));
        }
    }

    /** What a peer connection needs from its connection manager. */
    interface Connector {

        /** Opens a connection to the peer on the given event loop. */
        ChannelFuture connect(PeerAddress peer, EventLoop loop);

        Backoff backoff();

        /** Whether the manager is shut down, so that no reconnect should be scheduled. */
        boolean isClosed();

        /** The peer connection that replaced a retired one, {@code null} when the peer limit refuses a new one. */
        PeerConnection successor(PeerAddress peer);

    }

}
