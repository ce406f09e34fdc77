package io.cupnet.metrics;

import java.util.function.ToDoubleFunction;

import io.cupnet.CorruptedFrameException.Reason;
import io.cupnet.Lane;
import io.cupnet.MessageCenter;
import io.cupnet.PeerSnapshot.Direction;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** Registers the counters of a center's {@link CupnetStats} and the gauges read from the center. */
final class CenterMeters {

    private CenterMeters() {
    }

    /** @param sums whether connections and send queues are gauged as sums (not per peer) */
    static void bind(MeterRegistry registry, MessageCenter center, Tags tags, boolean sums) {
        Tags tcp = tags.and(CupnetMetrics.TRANSPORT, CupnetMetrics.TCP);
        bindCounters(registry, center.stats(), tags);
        bindMessageCounters(registry, center.stats(), tcp);
        gauge(registry, tags, "cupnet.receive.queue.depth", "Received frames waiting for a listener", center,
                MessageCenter::receiveQueueSize);
        gauge(registry, tags, "cupnet.receive.queue.bytes", "Bytes of the received frames waiting for a listener",
                center, MessageCenter::receiveQueueBytes);
        gauge(registry, tags, "cupnet.reads.paused", "1 while reading from sockets is paused for the receive queue",
                center, (c) -> c.isReadingPaused() ? 1 : 0);
        gauge(registry, tcp, "cupnet.ack.pending", "Need-ack messages waiting for their ack", center,
                MessageCenter::pendingAcks);
        if (sums) {
            bindSums(registry, center, tags);
        }
    }

    private static void bindCounters(MeterRegistry registry, CupnetStats stats, Tags tags) {
        counter(registry, tags, "cupnet.bytes.sent", "Bytes of the frames written to peers", stats,
                (s) -> s.bytesSent().sum());
        counter(registry, tags, "cupnet.bytes.received", "Bytes of the frames decoded from peers", stats,
                (s) -> s.bytesReceived().sum());
        for (Reason reason : Reason.values()) {
            counter(registry, tags.and("reason", reason.tag()), "cupnet.frames.rejected",
                    "Malformed frames that closed their connection", stats, (s) -> s.framesRejected(reason).sum());
        }
        for (DropReason reason : DropReason.values()) {
            counter(registry, tags.and("reason", reason.tag()), "cupnet.connections.dropped",
                    "Connections refused at accept or closed by the node on its own", stats,
                    (s) -> s.connectionsDropped(reason).sum());
        }
        counter(registry, tags, "cupnet.connections.opened", "Connections opened, inbound and outbound", stats,
                (s) -> s.connectionsOpened().sum());
        counter(registry, tags, "cupnet.connections.closed", "Connections closed, inbound and outbound", stats,
                (s) -> s.connectionsClosed().sum());
        counter(registry, tags, "cupnet.connect.attempts", "Outbound connection attempts started", stats,
                (s) -> s.connectAttempts().sum());
        counter(registry, tags, "cupnet.connect.failures", "Outbound connection attempts that failed", stats,
                (s) -> s.connectFailures().sum());
        counter(registry, tags, "cupnet.reconnects", "Outbound connections opened again after a first one", stats,
                (s) -> s.reconnects().sum());
        counter(registry, tags, "cupnet.reads.pauses", "Times reading paused because the receive queue was full",
                stats, (s) -> s.readPauses().sum());
        counter(registry, tags, "cupnet.ack.retries", "Need-ack frames written again for want of an ack", stats,
                (s) -> s.ackRetries().sum());
        counter(registry, tags, "cupnet.ack.unreachable", "Need-ack messages never written before their deadline",
                stats, (s) -> s.ackUnwritten().sum());
        counter(registry, tags, "cupnet.ack.refused", "Need-ack sends refused because too many acks were pending",
                stats, (s) -> s.pendingAcksRefused().sum());
        counter(registry, tags, "cupnet.ack.unmatched", "Acks that matched no pending message (duplicate or unknown)",
                stats, (s) -> s.ackUnmatched().sum());
        counter(registry, tags, "cupnet.ack.rejected", "Need-ack frames a handler rejected, handled again when resent",
                stats, (s) -> s.acksRejected().sum());
        counter(registry, tags, "cupnet.tls.handshake.failures", "TLS handshakes that failed, inbound or outbound",
                stats, (s) -> s.tlsHandshakeFailures().sum());
        counter(registry, tags, "cupnet.peers.refused", "Sends and acks to a new peer refused at the peer limit",
                stats, (s) -> s.peersRefused().sum());
        counter(registry, tags, "cupnet.peers.forgotten", "Idle peers whose state was dropped", stats,
                (s) -> s.peersForgotten().sum());
        counter(registry, tags, "cupnet.ack.dropped", "Acks of received frames never written (the sender resends)",
                stats, (s) -> s.acksDropped().sum());
        bindHeartbeats(registry, stats, tags);
    }

    /** The counters a broker transport has too, tagged {@code transport=tcp}. */
    private static void bindMessageCounters(MeterRegistry registry, CupnetStats stats, Tags tcp) {
        counter(registry, tcp, "cupnet.ack.timeouts", "Need-ack messages written that failed without an ack",
                stats, (s) -> s.ackTimeouts().sum());
        counter(registry, tcp, "cupnet.ack.acked", "Need-ack messages acknowledged by their peer", stats,
                (s) -> s.ackMatched().sum());
        counter(registry, tcp, "cupnet.dedup.hits", "Resent need-ack frames recognised and not handled twice",
                stats, (s) -> s.dedupHits().sum());
    }

    private static void bindHeartbeats(MeterRegistry registry, CupnetStats stats, Tags tags) {
        counter(registry, tags.and("result", "sent"), "cupnet.heartbeats", "Heartbeats sent on outbound connections",
                stats, (s) -> s.heartbeatsSent().sum());
        counter(registry, tags.and("result", "answered"), "cupnet.heartbeats",
                "Answers received to this node's heartbeats", stats, (s) -> s.heartbeatsAnswered().sum());
        counter(registry, tags.and("result", "replied"), "cupnet.heartbeats", "Heartbeats from peers answered",
                stats, (s) -> s.heartbeatsReplied().sum());
        counter(registry, tags.and("result", "dropped"), "cupnet.heartbeats",
                "Heartbeats from peers not answered because their connection was not writable", stats,
                (s) -> s.heartbeatAnswersDropped().sum());
        counter(registry, tags, "cupnet.heartbeat.timeouts",
                "Connections closed because the peer stopped answering heartbeats", stats,
                (s) -> s.heartbeatTimeouts().sum());
    }

    private static void bindSums(MeterRegistry registry, MessageCenter center, Tags tags) {
        for (Direction direction : Direction.values()) {
            gauge(registry, tags.and("direction", direction.tag()), "cupnet.connections.open", "Open connections",
                    center, (c) -> c.openConnections(direction));
        }
        for (Lane lane : Lane.values()) {
            gauge(registry, tags.and("lane", lane.tag()), "cupnet.send.queue.depth",
                    "Frames waiting in the send queues", center, (c) -> c.sendQueueDepth(lane));
        }
    }

    private static void counter(MeterRegistry registry, Tags tags, String name, String description,
            CupnetStats stats, ToDoubleFunction<CupnetStats> count) {
        FunctionCounter.builder(name, stats, count).description(description).tags(tags).register(registry);
    }

    private static void gauge(MeterRegistry registry, Tags tags, String name, String description,
            MessageCenter center, ToDoubleFunction<MessageCenter> value) {
        Gauge.builder(name, center, value).description(description).tags(tags).register(registry);
    }

}
