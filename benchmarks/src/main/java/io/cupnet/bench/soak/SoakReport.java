package io.cupnet.bench.soak;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

import io.cupnet.DeliveryException.Reason;
import io.cupnet.bench.connections.MemoryProbe;
import io.cupnet.bench.report.Figures;

/**
 * The figures of one soak run and its verdict: printed as a table and a {@code RESULT} line.
 *
 * @param connections sender-to-receiver connections carrying need-ack traffic
 * @param seconds length of the traffic phase
 * @param sent need-ack messages sent
 * @param acked messages whose ack arrived
 * @param timedOut messages failed with ACK_TIMEOUT
 * @param otherFailures messages failed for another reason, by reason
 * @param inFlightAtEnd messages neither acked nor failed when the report was made (must be 0)
 * @param handled handlings reported by the receivers' handlers, duplicates included
 * @param duplicatesAfterAck handlings of a message whose sender already had its ack (must be 0)
 * @param duplicatesInLifetime second handlings by the same receiver lifetime (must be 0)
 * @param duplicatesUnacked handlings again, after a restart, of a message handled but not acked before it
 * @param ackedNotHandled messages acked that no handler reported (must be 0)
 * @param restarts receiver restarts during the run
 * @param resends need-ack frames written again by the senders
 * @param reconnects connections reopened by the senders
 * @param connected memory after GC once every connection is open, before any traffic
 * @param start memory after GC after the warm-up traffic, before the measured run
 * @param end memory after GC once every message completed, all nodes still open
 * @param leakCounting whether buffer leaks are counted (the counter was installed in time)
 * @param leaks leak reports by Netty's detector
 * @param leakLevel Netty's leak detection level
 */
public record SoakReport(int connections, double seconds, long sent, long acked, long timedOut,
        Map<Reason, Long> otherFailures, int inFlightAtEnd, long handled, long duplicatesAfterAck,
        long duplicatesInLifetime, long duplicatesUnacked, long ackedNotHandled, int restarts, long resends,
        long reconnects, MemoryProbe.Usage connected, MemoryProbe.Usage start, MemoryProbe.Usage end,
        boolean leakCounting, long leaks, String leakLevel) {

    /** Whether every promise held: nothing left open, no forbidden duplicate, no ack without handling, no leak. */
    public boolean passed() {
        return this.inFlightAtEnd == 0 && this.duplicatesAfterAck == 0 && this.duplicatesInLifetime == 0
                && this.ackedNotHandled == 0 && this.leaks == 0;
    }

    public void print(PrintStream out) {
        out.printf("  messages sent                 %,d%n", this.sent);
        out.printf("  acked                         %,d%n", this.acked);
        out.printf("  timed out (ACK_TIMEOUT)       %,d%n", this.timedOut);
        out.printf("  failed otherwise              %,d %s%n", otherFailureCount(), this.otherFailures);
        out.printf("  still in flight at the end    %,d (must be 0)%n", this.inFlightAtEnd);
        out.printf("  handled (handler calls)       %,d%n", this.handled);
        out.printf("  duplicates handled after ack  %,d (must be 0: an acked message is never resent)%n",
                this.duplicatesAfterAck);
        out.printf("  duplicates in one lifetime    %,d (must be 0: the dedup window)%n", this.duplicatesInLifetime);
        out.printf("  duplicates across a restart   %,d (allowed: handled, not yet acked when the receiver "
                + "restarted)%n", this.duplicatesUnacked);
        out.printf("  acked but never handled       %,d (must be 0)%n", this.ackedNotHandled);
        out.printf("  receiver restarts             %,d; sender resends %,d, reconnects %,d%n", this.restarts,
                this.resends, this.reconnects);
        out.printf("  heap after GC                 connected %s; start %s, end %s (%s)%n",
                mib(this.connected.heap()), mib(this.start.heap()), mib(this.end.heap()),
                signedMib(this.end.heap() - this.start.heap()));
        out.printf("  direct memory                 connected %s; start %s, end %s (%s)%n",
                mib(this.connected.direct()), mib(this.start.direct()), mib(this.end.direct()),
                signedMib(this.end.direct() - this.start.direct()));
        out.printf("  leak detector                 level %s, %s%n", this.leakLevel, describeLeaks());
        out.println(figures().resultLine());
        out.println("VERDICT " + (passed() ? "ok" : "FAILED"));
    }

    public Figures figures() {
        return new Figures().put("scenario", "soak")
            .put("connections", this.connections)
            .put("seconds", this.seconds)
            .put("sent", this.sent)
            .put("acked", this.acked)
            .put("timed_out", this.timedOut)
            .put("failed_other", otherFailureCount())
            .put("in_flight_at_end", this.inFlightAtEnd)
            .put("dup_after_ack", this.duplicatesAfterAck)
            .put("dup_in_lifetime", this.duplicatesInLifetime)
            .put("dup_across_restart", this.duplicatesUnacked)
            .put("acked_not_handled", this.ackedNotHandled)
            .put("restarts", this.restarts)
            .put("heap_start_mib", this.start.heap() / 1048576.0)
            .put("heap_end_mib", this.end.heap() / 1048576.0)
            .put("direct_start_mib", this.start.direct() / 1048576.0)
            .put("direct_end_mib", this.end.direct() / 1048576.0)
            .put("leaks", this.leakCounting ? Long.toString(this.leaks) : "uncounted");
    }

    private long otherFailureCount() {
        return this.otherFailures.values().stream().mapToLong(Long::longValue).sum();
    }

    private String describeLeaks() {
        if (!this.leakCounting) {
            return this.leaks + " LEAK report(s) counted; buffer leaks NOT counted (Netty's buffer detector was "
                    + "created before the counter was installed; run from the jar's main)";
        }
        return this.leaks + " LEAK report(s)";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String signedMib(long bytes) {
        return String.format(Locale.ROOT, "%+.1f MiB", bytes / 1048576.0);
    }

}
