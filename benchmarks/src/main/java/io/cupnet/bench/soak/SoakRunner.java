package io.cupnet.bench.soak;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import io.cupnet.MessageCenter;
import io.cupnet.OverflowPolicy;
import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.connections.MemoryProbe;
import io.cupnet.bench.cupnet.CupnetNodes;
import io.cupnet.metrics.CupnetStats;
import io.cupnet.options.CupnetOptions;
import io.netty.util.ResourceLeakDetector;

/**
 * The soak: many sender nodes keep steady need-ack traffic on {@code --connections} connections to
 * a few receiver nodes for {@code --seconds}, restarting one receiver (same port) every
 * {@code --restart-every} seconds, then reports what was sent, acked, timed out and handled twice,
 * memory at start and end, and Netty's leak reports. Everything runs in this one JVM.
 *
 * <p>Each sender node connects to every receiver, so there are {@code connections / receivers}
 * senders; the receivers' acks travel over their own connections back to the senders, as CUP
 * does, so the process holds twice {@code --connections} TCP connections.
 */
public final class SoakRunner {

    private final BenchOptions bench;

    private final PrintStream out;

    private final SoakLedger ledger = new SoakLedger();

    private final List<SoakReceiver> receivers = new ArrayList<>();

    private final List<MessageCenter> senders = new ArrayList<>();

    private final AtomicInteger restarts = new AtomicInteger();

    public SoakRunner(BenchOptions bench, PrintStream out) {
        this.bench = bench;
        this.out = out;
    }

    /** Runs the soak and prints its report. */
    public SoakReport run() throws Exception {
        try {
            List<SoakLoad.Connection> connections = startNodes();
            printHeader(connections.size());
            SoakLoad load = new SoakLoad(connections, this.ledger, this.bench.rate(), window(connections.size()),
                    CupnetNodes.body(this.bench.size()));
            load.sendOneEach();
            load.awaitNothingInFlight();
            MemoryProbe.Usage connected = MemoryProbe.measure();
            warmUp(load);
            MemoryProbe.Usage start = MemoryProbe.measure();
            traffic(load);
            int inFlight = load.awaitNothingInFlight();
            MemoryProbe.Usage end = MemoryProbe.measure();
            SoakReport report = report(connections.size(), inFlight, connected, start, end);
            report.print(this.out);
            this.out.flush();
            return report;
        }
        finally {
            this.senders.forEach(MessageCenter::close);
            this.receivers.forEach(SoakReceiver::close);
        }
    }

    private List<SoakLoad.Connection> startNodes() {
        for (int i = 0; i < Math.min(this.bench.receivers(), this.bench.connections()); i++) {
            this.receivers.add(new SoakReceiver(nodeOptions().build(), this.ledger));
        }
        List<SoakLoad.Connection> connections = new ArrayList<>();
        while (connections.size() < this.bench.connections()) {
            MessageCenter sender = new MessageCenter(nodeOptions()
                    .send(s -> s.queueCapacity(this.bench.sendQueue())).build(),
                    (message, ack) -> {
                    });
            sender.start();
            this.senders.add(sender);
            for (int i = 0; i < this.receivers.size() && connections.size() < this.bench.connections(); i++) {
                connections.add(new SoakLoad.Connection(sender, this.receivers.get(i).address()));
            }
        }
        return connections;
    }

    /** Loopback, a free port, the bench's transport and I/O threads, the FAIL policy: the load never blocks. */
    private CupnetOptions.Builder nodeOptions() {
        return CupnetNodes.options(this.bench)
            .toBuilder()
            .send(s -> s.overflowPolicy(OverflowPolicy.FAIL))
            .shutdownTimeout(Duration.ofSeconds(2));
    }

    private int window(int connections) {
        return Math.max(1, this.bench.window() / connections);
    }

    /**
     * The same traffic without restarts for a fifth of the run (10 s at most), so that buffer
     * pools and caches fill before the start figures are taken.
     */
    private void warmUp(SoakLoad load) throws InterruptedException {
        double seconds = Math.min(10, this.bench.seconds() / 5);
        this.out.printf("  warm-up: %.1f s of traffic without restarts%n", seconds);
        this.out.flush();
        load.warmUp(seconds);
    }

    private void traffic(SoakLoad load) throws InterruptedException {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, (runnable) -> {
            Thread thread = new Thread(runnable, "soak-timer");
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        try {
            load.start();
            timers.scheduleAtFixedRate(() -> progress(load, started), 1, 1, TimeUnit.SECONDS);
            long restartMillis = (long) (this.bench.restartEvery() * 1000);
            if (restartMillis > 0) {
                timers.scheduleWithFixedDelay(this::restartNext, restartMillis, restartMillis, TimeUnit.MILLISECONDS);
            }
            TimeUnit.NANOSECONDS.sleep((long) (this.bench.seconds() * 1e9));
        }
        finally {
            load.stop();
            timers.shutdown();
            timers.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private void restartNext() {
        SoakReceiver receiver = this.receivers.get(this.restarts.get() % this.receivers.size());
        try {
            receiver.restart();
            this.restarts.incrementAndGet();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException ex) {
            System.err.println("[soak] restart of " + receiver.address() + " failed: " + ex);
        }
    }


    private void progress(SoakLoad load, long started) {
        System.err.printf("  [soak] %4.0fs  sent %,d  acked %,d  in flight %,d  timed out %,d  failed %,d  "
                + "dup after ack %d  dup across restart %d  restarts %d%n", (System.nanoTime() - started) / 1e9,
                this.ledger.sent(), this.ledger.acked(), load.inFlight(), this.ledger.timedOut(),
                this.ledger.otherFailures().values().stream().mapToLong(Long::longValue).sum(),
                this.ledger.duplicatesAfterAck(), this.ledger.duplicatesUnacked(), this.restarts.get());
    }

    private SoakReport report(int connections, int inFlight, MemoryProbe.Usage connected, MemoryProbe.Usage start,
            MemoryProbe.Usage end) throws InterruptedException {
        long resends = sum(CupnetStats::ackRetries);
        long reconnects = sum(CupnetStats::reconnects);
        this.senders.forEach(MessageCenter::close);
        this.receivers.forEach(SoakReceiver::close);
        LeakCounter.sweep();
        return new SoakReport(connections, this.bench.seconds(), this.ledger.sent(), this.ledger.acked(),
                this.ledger.timedOut(), this.ledger.otherFailures(), inFlight, this.ledger.handledCount(),
                this.ledger.duplicatesAfterAck(), this.ledger.duplicatesInLifetime(), this.ledger.duplicatesUnacked(),
                this.ledger.ackedNotHandled(), this.restarts.get(), resends, reconnects, connected, start, end,
                LeakCounter.isCountingBuffers(), LeakCounter.leaks(), ResourceLeakDetector.getLevel().name());
    }

    private long sum(Function<CupnetStats, LongAdder> counter) {
        return this.senders.stream().mapToLong((sender) -> counter.apply(sender.stats()).sum()).sum();
    }

    private void printHeader(int connections) {
        this.out.printf("%n== soak: %d connections (%d sender nodes x %d receiver nodes, acks on as many "
                + "connections back), need-ack frames of %d B, %d msg/s, window %d per connection, a receiver "
                + "restarted every %s s (round robin, same port), %s s, transport %s, one JVM ==%n", connections,
                this.senders.size(), this.receivers.size(), this.bench.size(), this.bench.rate(), window(connections),
                this.bench.restartEvery(), this.bench.seconds(), CupnetNodes.transportName(this.bench));
        this.out.printf("  leak detection level %s; leak counter %s%n", ResourceLeakDetector.getLevel(),
                LeakCounter.isCountingBuffers() ? "installed" : "NOT installed (buffer leaks only logged)");
        this.out.flush();
    }

}
