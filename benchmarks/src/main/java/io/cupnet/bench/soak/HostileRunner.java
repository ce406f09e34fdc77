package io.cupnet.bench.soak;

import java.io.PrintStream;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryException.Reason;
import io.cupnet.MessageCenter;
import io.cupnet.OverflowPolicy;
import io.cupnet.PeerSnapshot;
import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.connections.MemoryProbe;
import io.cupnet.bench.cupnet.CupnetNodes;
import io.cupnet.metrics.DropReason;
import io.cupnet.options.CupnetOptions;

/**
 * The hostile scenario: a well-behaved sender node keeps need-ack traffic to a receiver node (as
 * the soak does, {@code --rate} and {@code --window}) while a {@link HostileAttack} makes spoofed
 * claims on fresh connections and names a {@link StalledAckTarget} as the sender of its need-ack
 * frames, for {@code --seconds}; then reports whether the normal traffic lost anything, what the
 * node refused and dropped, and its heap after GC before and after the attack.
 */
public final class HostileRunner {

    private final BenchOptions bench;

    private final PrintStream out;

    private final SoakLedger ledger = new SoakLedger();

    private final LongAdder attackHandled = new LongAdder();

    public HostileRunner(BenchOptions bench, PrintStream out) {
        this.bench = bench;
        this.out = out;
    }

    /** Runs the scenario and prints its report. */
    public HostileReport run() throws Exception {
        MessageCenter receiver = null;
        MessageCenter sender = null;
        try (StalledAckTarget stalled = new StalledAckTarget()) {
            receiver = startReceiver();
            // The WAIT policy: a well-behaved application waits for room in its send queue rather than fail.
            sender = new MessageCenter(nodeOptions().send(s -> s.overflowPolicy(OverflowPolicy.WAIT)).build(),
                    (message, ack) -> {
                    });
            sender.start();
            printHeader(receiver);
            SoakLoad load = new SoakLoad(List.of(new SoakLoad.Connection(sender, receiver.localAddress())),
                    this.ledger, this.bench.rate(), this.bench.window(), CupnetNodes.body(this.bench.size()));
            load.sendOneEach();
            warmUp(load);
            MemoryProbe.Usage start = MemoryProbe.measure();
            HostileAttack attack = new HostileAttack(receiver.localAddress(), stalled.address());
            attack(load, attack, receiver);
            int inFlight = load.awaitNothingInFlight();
            MemoryProbe.Usage end = MemoryProbe.measure();
            HostileReport report = report(receiver, attack, stalled, inFlight, start, end);
            report.print(this.out);
            this.out.flush();
            return report;
        }
        finally {
            CupnetNodes.closeAll(sender, receiver);
        }
    }

    private MessageCenter startReceiver() {
        BitSet handled = new BitSet();
        MessageCenter receiver = new MessageCenter(nodeOptions().build(),
                (message, ack) -> onHandled(handled, message));
        receiver.start();
        return receiver;
    }

    private void onHandled(BitSet handled, CupMessage message) {
        if (message.type() == CupnetNodes.BENCH_TYPE) {
            this.ledger.onHandled(handled, (int) message.uniqId().low());
        }
        else {
            this.attackHandled.increment();
        }
    }

    /** Loopback, a free port, the bench's transport, I/O threads and send queue. */
    private CupnetOptions.Builder nodeOptions() {
        return CupnetNodes.options(this.bench).toBuilder().shutdownTimeout(Duration.ofSeconds(2));
    }

    /** Normal traffic alone for a fifth of the run (10 s at most), so that pools fill before the start figures. */
    private void warmUp(SoakLoad load) throws InterruptedException {
        double seconds = Math.min(10, this.bench.seconds() / 5);
        this.out.printf("  warm-up: %.1f s of normal traffic%n", seconds);
        this.out.flush();
        load.warmUp(seconds);
    }

    private void attack(SoakLoad load, HostileAttack attack, MessageCenter receiver) throws Exception {
        long started = System.nanoTime();
        load.start();
        try {
            attack.start(this.bench.seconds());
            long end = started + (long) (this.bench.seconds() * 1e9);
            while (System.nanoTime() < end) {
                TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.SECONDS.toNanos(1), end - System.nanoTime()));
                progress(load, attack, receiver, started);
            }
        }
        finally {
            load.stop();
            attack.join();
        }
    }


    private void progress(SoakLoad load, HostileAttack attack, MessageCenter receiver, long started) {
        System.err.printf("  [hostile] %4.0fs  normal sent %,d  acked %,d  in flight %,d  spoofed %,d  "
                + "stalled frames %,d  acks dropped %,d%n", (System.nanoTime() - started) / 1e9, this.ledger.sent(),
                this.ledger.acked(), load.inFlight(), attack.spoofedConnections(), attack.stalledFrames(),
                receiver.stats().acksDropped().sum());
    }

    private HostileReport report(MessageCenter receiver, HostileAttack attack, StalledAckTarget stalled,
            int inFlight, MemoryProbe.Usage start, MemoryProbe.Usage end) {
        Map<Reason, Long> failed = this.ledger.otherFailures();
        if (this.ledger.timedOut() > 0) {
            failed.put(Reason.ACK_TIMEOUT, this.ledger.timedOut());
        }
        int outboundPeers = (int) receiver.peers().stream()
            .filter((peer) -> peer.direction() == PeerSnapshot.Direction.OUTBOUND)
            .map(PeerSnapshot::peer)
            .distinct()
            .count();
        return new HostileReport(this.bench.seconds(), this.ledger.sent(), this.ledger.acked(), failed, inFlight,
                this.ledger.ackedNotHandled(), attack.spoofedConnections(), attack.spoofedClosedByNode(),
                receiver.stats().connectionsDropped(DropReason.SPOOFED_FROM).sum(), attack.stalledFrames(),
                this.attackHandled.sum(), receiver.stats().acksDropped().sum(), stalled.accepted(), outboundPeers,
                attack.errors(), start, end);
    }

    private void printHeader(MessageCenter receiver) {
        this.out.printf("%n== hostile: a sender node sends need-ack frames of %d B to a receiver node at %d msg/s, "
                + "window %d, while a raw-socket attacker opens %d connections/s with spoofed from claims and sends "
                + "%d need-ack frames/s of %d B claiming a listener that never reads; %s s, transport %s, one JVM ==%n",
                this.bench.size(), this.bench.rate(), this.bench.window(), HostileAttack.SPOOFED_PER_SECOND,
                HostileAttack.STALLED_PER_SECOND, HostileAttack.STALLED_BODY + CupMessage.HEADER_LENGTH,
                this.bench.seconds(), CupnetNodes.transportName(this.bench));
        this.out.printf("  receiver %s: ack.maxQueuedPerPeer %,d, connection.maxPeers %,d%n", receiver.localAddress(),
                receiver.options().ack().maxQueuedPerPeer(), receiver.options().connection().maxPeers());
        this.out.flush();
    }

}
