package io.cupnet.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.cupnet.wire.CorruptedFrameException;

/**
 * Cumulative counters of one message center, kept without any metrics library.
 *
 * <p>Every field only ever grows; {@code CupnetMetrics} exposes them to Micrometer
 * when it is on the classpath, and tests read them directly.
 */
public final class CupnetStats {

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

    private final LongAdder connectFailures = new LongAdder();

    private final LongAdder reconnects = new LongAdder();

    private final LongAdder readPauses = new LongAdder();

    private final LongAdder ackRetries = new LongAdder();

    private final LongAdder ackTimeouts = new LongAdder();

    private final LongAdder ackUnmatched = new LongAdder();

    private final LongAdder dedupHits = new LongAdder();

    private final LongAdder handlerFailures = new LongAdder();

    private final LongAdder tlsHandshakeFailures = new LongAdder();

    public CupnetStats() {
        for (CorruptedFrameException.Reason reason : CorruptedFrameException.Reason.values()) {
            this.framesRejected.put(reason, new LongAdder());
        }
        for (DropReason reason : DropReason.values()) {
            this.connectionsDropped.put(reason, new LongAdder());
        }
    }

    public LongAdder messagesSent() {
        return this.messagesSent;
    }

    public LongAdder messagesReceived() {
        return this.messagesReceived;
    }

    /** Sends whose future completed exceptionally, whatever the reason. */
    public LongAdder sendFailures() {
        return this.sendFailures;
    }

    public LongAdder bytesSent() {
        return this.bytesSent;
    }

    public LongAdder bytesReceived() {
        return this.bytesReceived;
    }

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

    public LongAdder connectionsOpened() {
        return this.connectionsOpened;
    }

    public LongAdder connectionsClosed() {
        return this.connectionsClosed;
    }

    public LongAdder connectFailures() {
        return this.connectFailures;
    }

    public LongAdder reconnects() {
        return this.reconnects;
    }

    public LongAdder readPauses() {
        return this.readPauses;
    }

    public LongAdder ackRetries() {
        return this.ackRetries;
    }

    public LongAdder ackTimeouts() {
        return this.ackTimeouts;
    }

    /** Acks that matched no pending message: duplicates, late or unknown. */
    public LongAdder ackUnmatched() {
        return this.ackUnmatched;
    }

    /** Resent need-ack frames recognised by the dedup window and not handled again. */
    public LongAdder dedupHits() {
        return this.dedupHits;
    }

    public LongAdder handlerFailures() {
        return this.handlerFailures;
    }

    /** TLS handshakes that failed, inbound or outbound: untrusted or missing certificates, plaintext peers. */
    public LongAdder tlsHandshakeFailures() {
        return this.tlsHandshakeFailures;
    }

}
