package io.cupnet.bench.soak;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

import io.cupnet.DeliveryException.Reason;
import io.cupnet.bench.connections.MemoryProbe;
import io.cupnet.bench.report.Figures;

/**
 * The figures of one hostile run and its verdict: printed as a table and a {@code RESULT} line.
 *
 * @param seconds length of the attack
 * @param normalSent need-ack messages the well-behaved sender sent
 * @param normalAcked those whose ack arrived
 * @param normalFailed those that failed, by reason (must be none)
 * @param normalInFlight those neither acked nor failed at the end (must be 0)
 * @param ackedNotHandled normal messages acked that the node's handler never saw (must be 0)
 * @param spoofedConnections connections the attacker opened with a claim they may not make
 * @param spoofedClosedByNode those the node closed (must be all)
 * @param spoofedDropped the node's {@code connections.dropped{reason=spoofed_from}} count
 * @param stalledFrames need-ack frames the attacker sent claiming the stalled ack target
 * @param attackHandled attacker frames the node's handler took (the valid ones to the stalled target)
 * @param acksDropped the node's {@code ack.dropped} count: acks to the stalled target it gave up
 * @param stalledAccepted connections the node opened to the stalled target
 * @param outboundPeers addresses the node keeps outbound state for at the end (must be at most 2: the sender
 *        and the stalled target)
 * @param attackerErrors I/O errors on the attacker's own sockets
 * @param start memory after GC after the normal traffic warmed up, before the attack
 * @param end memory after GC once the attack stopped and the normal traffic settled, stalled target still open
 */
public record HostileReport(double seconds, long normalSent, long normalAcked, Map<Reason, Long> normalFailed,
        int normalInFlight, long ackedNotHandled, long spoofedConnections, long spoofedClosedByNode,
        long spoofedDropped, long stalledFrames, long attackHandled, long acksDropped, int stalledAccepted,
        int outboundPeers, long attackerErrors, MemoryProbe.Usage start, MemoryProbe.Usage end) {

    /** Heap growth after GC beyond which the run fails: bounded lanes and windows stay well under it. */
    public static final long MAX_HEAP_GROWTH = 32L * 1024 * 1024;

    /** Normal messages that failed, for any reason. */
    public long failed() {
        return this.normalFailed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Normal messages not acked. */
    public long lost() {
        return this.normalSent - this.normalAcked;
    }

    /**
     * Whether the node kept its promises: the normal traffic lost nothing, every spoofed connection
     * was closed, the node kept state for no address but the two that connected for real, and the
     * heap after GC grew less than {@link #MAX_HEAP_GROWTH}.
     */
    public boolean passed() {
        return lost() == 0 && failed() == 0 && this.normalInFlight == 0 && this.ackedNotHandled == 0
                && this.spoofedClosedByNode == this.spoofedConnections && this.outboundPeers <= 2
                && this.end.heap() - this.start.heap() < MAX_HEAP_GROWTH;
    }

    public void print(PrintStream out) {
        out.printf("  normal need-ack sent          %,d%n", this.normalSent);
        out.printf("  acked                         %,d (lost %,d, must be 0)%n", this.normalAcked, lost());
        out.printf("  failed, still in flight       %,d %s, %,d (must be 0)%n", failed(), this.normalFailed,
                this.normalInFlight);
        out.printf("  acked but never handled       %,d (must be 0)%n", this.ackedNotHandled);
        out.printf("  spoofed connections           %,d, closed by the node %,d (must be all), "
                + "counted spoofed_from %,d%n", this.spoofedConnections, this.spoofedClosedByNode, this.spoofedDropped);
        out.printf("  frames to the stalled target  %,d sent, %,d handled; acks dropped %,d; connections to it %d%n",
                this.stalledFrames, this.attackHandled, this.acksDropped, this.stalledAccepted);
        out.printf("  outbound peers kept           %d (must be at most 2: the sender and the stalled target)%n",
                this.outboundPeers);
        out.printf("  heap after GC                 start %s, end %s (%s, must be under %s)%n", mib(this.start.heap()),
                mib(this.end.heap()), signedMib(this.end.heap() - this.start.heap()), mib(MAX_HEAP_GROWTH));
        out.printf("  direct memory                 start %s, end %s%n", mib(this.start.direct()),
                mib(this.end.direct()));
        out.printf("  attacker socket errors        %,d%n", this.attackerErrors);
        out.println(figures().resultLine());
        out.println("VERDICT " + (passed() ? "ok" : "FAILED"));
    }

    public Figures figures() {
        return new Figures().put("scenario", "hostile")
            .put("unit", "msg")
            .put("seconds", this.seconds)
            .put("normal_sent", this.normalSent)
            .put("normal_acked", this.normalAcked)
            .put("lost", lost())
            .put("normal_failed", failed())
            .put("acked_not_handled", this.ackedNotHandled)
            .put("spoofed_connections", this.spoofedConnections)
            .put("spoofed_connections_dropped", this.spoofedDropped)
            .put("stalled_frames", this.stalledFrames)
            .put("acks_dropped", this.acksDropped)
            .put("outbound_peers", this.outboundPeers)
            .put("heap_start_mb", this.start.heap() / 1048576.0)
            .put("heap_end_mb", this.end.heap() / 1048576.0);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String signedMib(long bytes) {
        return String.format(Locale.ROOT, "%+.1f MiB", bytes / 1048576.0);
    }

}
