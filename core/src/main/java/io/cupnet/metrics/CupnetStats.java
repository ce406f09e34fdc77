package io.cupnet.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.cupnet.CorruptedFrameException;

/**
 * Cumulative counters of one message center, kept without any metrics library.
 *
 * <p>Every counter only ever grows; {@code CupnetMetrics} exposes them to Micrometer
 * when it is on the classpath, and tests read them directly. Measurements that are events
 * rather than counts (ack latencies, listener invocations) go to the {@link StatsListener}.
 */
public final class CupnetStats {

    private final TypeCounters sentByType = new TypeCounters(Sent.values().length, this::typeAdded);

    private final TypeCounters receivedByType = new TypeCounters(Received.values().length, this::typeAdded);

    private volatile StatsListener listener = StatsListener.NONE;

    private final LongAdder messagesSent = new LongAdder();

    private final LongAdder messagesReceived = new LongAdder();

    private final LongAdder sendFailures = new LongAdder();

    private final LongAdder bytesSent = new LongAdder();

    private final LongAdder bytesReceived = new LongAdder();

    private final Map<CorruptedFrameException.Reason, LongAdder> framesRejected = new EnumMap<>(
            CorruptedFrameException.Reason.class);

    private final Map<DropReason, LongAdder> connectionsDropped = new EnumMap<>(DropReason.class);

    private final LongAdder pendingAcksRefused = new LongAdder();

    private final LongAdder framesDroppedAfterStop = new LongAdder();

    private final LongAdder connectionsOpened = new LongAdder();

    private final LongAdder connectionsClosed = new LongAdder();

    private final LongAdder connectAttempts = new LongAdder();

    private final LongAdder connectFailures = new LongAdder();

    private final LongAdder reconnects = new LongAdder();

    private final LongAdder readPauses = new LongAdder();

    private final LongAdder ackRetries = new LongAdder();

    private final LongAdder ackTimeouts = new LongAdder();

    private final LongAdder ackMatched = new LongAdder();

    private final LongAdder ackUnwritten = new LongAdder();

    private final LongAdder ackUnmatched = new LongAdder();

    private final LongAdder dedupHits = new LongAdder();

    private final LongAdder handlerFailures = new LongAdder();

    private final LongAdder acksRejected = new LongAdder();

    private final LongAdder heartbeatsSent = new LongAdder();

    private final LongAdder heartbeatsAnswered = new LongAdder();

    private final LongAdder heartbeatsReplied = new LongAdder();

    private final LongAdder heartbeatTimeouts = new LongAdder();

    private final RoundTripTimes roundTripTimes = new RoundTripTimes();

    private final LongAdder tlsHandshakeFailures = new LongAdder();

    private final LongAdder peersRefused = new LongAdder();

    private final LongAdder peersForgotten = new LongAdder();

    private final LongAdder acksDropped = new LongAdder();

    private final LongAdder heartbeatAnswersDropped = new LongAdder();

    /** Counters at zero, one per rejection and drop reason. */
    public CupnetStats() {
        for (CorruptedFrameException.Reason reason : CorruptedFrameException.Reason.values()) {
            this.framesRejected.put(reason, new LongAdder());
        }
        for (DropReason reason : DropReason.values()) {
            this.connectionsDropped.put(reason, new LongAdder());
        }
    }

    /** Frames written: first sends, resends and acks. */
    public LongAdder messagesSent() {
        return this.messagesSent;
    }

    /** Frames decoded from peers. */
    public LongAdder messagesReceived() {
        return this.messagesReceived;
    }

    /** Sends whose future completed exceptionally, whatever the reason. */
    public LongAdder sendFailures() {
        return this.sendFailures;
    }

    /** Bytes of the frames written to peers. */
    public LongAdder bytesSent() {
        return this.bytesSent;
    }

    /** Bytes of the frames decoded from peers. */
    public LongAdder bytesReceived() {
        return this.bytesReceived;
    }

    /** Frames whose malformation closed their connection, for one reason. */
    public LongAdder framesRejected(CorruptedFrameException.Reason reason) {
        return this.framesRejected.get(reason);
    }

    /** Connections refused at accept or closed by the node on its own, by reason. */
    public LongAdder connectionsDropped(DropReason reason) {
        return this.connectionsDropped.get(reason);
    }

    /** Need-ack sends refused at once because too many messages were waiting for their ack. */
    public LongAdder pendingAcksRefused() {
        return this.pendingAcksRefused;
    }

    /** Frames that arrived after {@code stop()} and were not handled (need-ack ones are not acked). */
    public LongAdder framesDroppedAfterStop() {
        return this.framesDroppedAfterStop;
    }

    /** Connections opened, inbound and outbound. */
    public LongAdder connectionsOpened() {
        return this.connectionsOpened;
    }

    /** Connections closed, inbound and outbound. */
    public LongAdder connectionsClosed() {
        return this.connectionsClosed;
    }

    /** Outbound connection attempts started, whether they succeed or not. */
    public LongAdder connectAttempts() {
        return this.connectAttempts;
    }

    /** Outbound connection attempts that failed. */
    public LongAdder connectFailures() {
        return this.connectFailures;
    }

    /** Outbound connections opened again after one was lost. */
    public LongAdder reconnects() {
        return this.reconnects;
    }

    /** Times reading paused because the receive queue passed its high watermark. */
    public LongAdder readPauses() {
        return this.readPauses;
    }

    /** Need-ack frames written again for want of an ack. */
    public LongAdder ackRetries() {
        return this.ackRetries;
    }

    /** Need-ack messages that failed without an ack. */
    public LongAdder ackTimeouts() {
        return this.ackTimeouts;
    }

    /** Need-ack messages acknowledged by their peer: acks that matched a pending message. */
    public LongAdder ackMatched() {
        return this.ackMatched;
    }

    /** Need-ack messages given up before their first write, failed with {@code PEER_UNREACHABLE}. */
    public LongAdder ackUnwritten() {
        return this.ackUnwritten;
    }

    /** Acks that matched no pending message: duplicates, late or unknown. */
    public LongAdder ackUnmatched() {
        return this.ackUnmatched;
    }

    /** Resent need-ack frames recognised by the dedup window and not handled again. */
    public LongAdder dedupHits() {
        return this.dedupHits;
    }

    /** Handler calls that threw. */
    public LongAdder handlerFailures() {
        return this.handlerFailures;
    }

    /** Need-ack frames a handler rejected through its {@code Acknowledgment}: not acked, handled again when resent. */
    public LongAdder acksRejected() {
        return this.acksRejected;
    }

    /** Heartbeats written on idle outbound connections. */
    public LongAdder heartbeatsSent() {
        return this.heartbeatsSent;
    }

    /** Answers received to this node's heartbeats. */
    public LongAdder heartbeatsAnswered() {
        return this.heartbeatsAnswered;
    }

    /** Heartbeats received from peers and answered. */
    public LongAdder heartbeatsReplied() {
        return this.heartbeatsReplied;
    }

    /** Connections closed because their peer stopped answering heartbeats. */
    public LongAdder heartbeatTimeouts() {
        return this.heartbeatTimeouts;
    }

    /** Heartbeat round-trip times per peer. */
    public RoundTripTimes roundTripTimes() {
        return this.roundTripTimes;
    }

    /** TLS handshakes that failed, inbound or outbound: untrusted or missing certificates, plaintext peers. */
    public LongAdder tlsHandshakeFailures() {
        return this.tlsHandshakeFailures;
    }

    /** Sends and acks to a new peer refused because the node kept its maximum number of peers. */
    public LongAdder peersRefused() {
        return this.peersRefused;
    }

    /** Peers forgotten after they stayed idle (nothing queued, no ack pending, no connection). */
    public LongAdder peersForgotten() {
        return this.peersForgotten;
    }

    /**
     * Acks of received frames that were never written: the oldest ones dropped from a full ack lane, and those
     * to a peer the node could not keep; their senders resend and are acked again.
     */
    public LongAdder acksDropped() {
        return this.acksDropped;
    }

    /** Heartbeats from peers not answered because their connection was not writable. */
    public LongAdder heartbeatAnswersDropped() {
        return this.heartbeatAnswersDropped;
    }

    /**
     * Counts the frames of one write batch written to a socket (first sends, resends and acks) by type,
     * once per run of one type; {@link #messagesSent()} counts the same frames in total.
     */
    public TypeRuns writtenRuns() {
        return new TypeRuns(this.sentByType, Sent.WRITTEN.ordinal());
    }

    /** Counts the received frames of one batch with the same result, once per run of one type. */
    public TypeRuns receivedRuns(Received result) {
        return new TypeRuns(this.receivedByType, result.ordinal());
    }

    /** Counts a send whose future failed, whatever the reason. */
    public void sendFailed(int type) {
        this.sendFailures.increment();
        this.sentByType.increment(type, Sent.FAILED.ordinal());
    }

    /** Counts a decoded frame by what became of it. */
    public void messageReceived(int type, Received result) {
        this.receivedByType.increment(type, result.ordinal());
    }

    /** Counts {@code count} received frames of one type with the same result. */
    public void messagesReceived(int type, Received result, int count) {
        this.receivedByType.add(type, result.ordinal(), count);
    }

    /** Counts a resent need-ack frame that the dedup window recognised and did not hand over again. */
    public void duplicateReceived(int type) {
        this.dedupHits.increment();
        messageReceived(type, Received.DUPLICATE);
    }

    /** Messages written and failed by type; results indexed by {@link Sent}. */
    public TypeCounters sentByType() {
        return this.sentByType;
    }

    /** Frames received by type; results indexed by {@link Received}. */
    public TypeCounters receivedByType() {
        return this.receivedByType;
    }

    /** Reports the time from a need-ack send to its ack. */
    public void ackLatency(long nanos) {
        this.listener.ackLatency(nanos);
    }

    /** Whether a {@link StatsListener} takes the timings, so that they are worth measuring. */
    public boolean isTimed() {
        return this.listener != StatsListener.NONE;
    }

    /** Reports one invocation of a listener; see {@link StatsListener#listenerInvoked}. */
    public void listenerInvoked(String listener, boolean success, long nanos) {
        this.listener.listenerInvoked(listener, success, nanos);
    }

    /** Reports that the message center started. */
    public void started() {
        this.listener.started();
    }

    /** Sets the one listener of these stats, replacing the previous one; {@code null} removes it. */
    public void listener(StatsListener listener) {
        this.listener = (listener != null) ? listener : StatsListener.NONE;
    }

    /** The listener told of events, or a no-op one. */
    public StatsListener listener() {
        return this.listener;
    }

    private void typeAdded(TypeCounters counters, int slot) {
        this.listener.typeAdded(counters, slot);
    }

    /** What became of a message sent, the {@code result} tag of {@code cupnet.messages.sent}. */
    public enum Sent {

        /** Written to the socket (first sends, need-ack resends and acks alike). */
        WRITTEN,

        /** The send's future failed. */
        FAILED;

        /** The lower-case tag value. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

    }

    /** What became of a frame received, the {@code result} tag of {@code cupnet.messages.received}. */
    public enum Received {

        /** Handed to the handler, or an ack that completed a pending message. */
        ACCEPTED,

        /** A resent need-ack frame already taken in: acked again, not handled twice. */
        DUPLICATE,

        /** An ack that matched no pending message (late, duplicate or unknown). */
        UNMATCHED,

        /** Arrived while the message center was stopping, and not handled. */
        DROPPED,

        /** Taken by no handler (no listener for its type): dropped and, when it needs one, not acked. */
        UNROUTABLE;

        /** The lower-case tag value. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

    }

}
