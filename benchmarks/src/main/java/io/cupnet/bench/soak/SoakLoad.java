package io.cupnet.bench.soak;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;
import io.cupnet.MessageCenter;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;

/**
 * The soak's traffic: one application thread sends need-ack messages at a steady rate, round
 * robin over the connections, skipping those that already have their window of messages in
 * flight (so a restarting receiver's connections fall behind instead of piling up).
 *
 * <p>Each message's uniq id is its sequence number, unique over the run.
 */
final class SoakLoad implements Runnable {

    /** How long the end of a run waits for the last acks: longer than any ack timeout of the scenarios. */
    private static final Duration SETTLE = Duration.ofSeconds(45);

    private static final int TICKS_PER_SECOND = 100;

    private final List<Connection> connections;

    private final SoakLedger ledger;

    private final int rate;

    private final int window;

    private final byte[] body;

    private final AtomicLong sequence = new AtomicLong();

    private volatile boolean stopped;

    private Thread thread;

    SoakLoad(List<Connection> connections, SoakLedger ledger, int rate, int window, byte[] body) {
        this.connections = connections;
        this.ledger = ledger;
        this.rate = rate;
        this.window = window;
        this.body = body;
    }

    @Override
    public void run() {
        long tickNanos = TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND;
        long next = System.nanoTime();
        double perTick = (double) this.rate / TICKS_PER_SECOND;
        double budget = 0;
        int cursor = 0;
        while (!this.stopped) {
            // Unused budget carries over for 10 ticks at most: no burst after a pause.
            budget = Math.min(budget + perTick, perTick * 10);
            int skipped = 0;
            while (budget >= 1 && skipped < this.connections.size()) {
                Connection connection = this.connections.get(cursor);
                cursor = (cursor + 1) % this.connections.size();
                if (send(connection)) {
                    budget--;
                    skipped = 0;
                }
                else {
                    skipped++;
                }
            }
            next += tickNanos;
            parkUntil(next);
        }
    }

    /** Sends one message on every connection, so that all of them are open before the run. */
    void sendOneEach() {
        this.connections.forEach(this::send);
    }

    /** Starts sending from a thread of its own. */
    void start() {
        this.stopped = false;
        this.thread = new Thread(this, "soak-load");
        this.thread.start();
    }

    /** Stops sending and waits for the thread. */
    void stop() throws InterruptedException {
        this.stopped = true;
        this.thread.join();
    }

    /** Sends for {@code seconds}, then stops and waits until nothing is in flight, as before the figures. */
    void warmUp(double seconds) throws InterruptedException {
        start();
        try {
            TimeUnit.NANOSECONDS.sleep((long) (seconds * 1e9));
        }
        finally {
            stop();
        }
        awaitNothingInFlight();
    }

    /** Waits until every message was acked or failed, up to the ack timeout and more; returns those left. */
    int awaitNothingInFlight() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (inFlight() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return inFlight();
    }

    /** Need-ack messages sent and not yet acked or failed. */
    int inFlight() {
        return this.connections.stream().mapToInt((connection) -> connection.inFlight.get()).sum();
    }

    private boolean send(Connection connection) {
        if (connection.inFlight.get() >= this.window) {
            return false;
        }
        connection.inFlight.incrementAndGet();
        long seq = this.sequence.incrementAndGet();
        CupMessage message = CupMessage.builder()
            .to(connection.to)
            .type(100)
            .uniqId(UniqId.of(seq))
            .body(this.body)
            .needAck()
            .build();
        this.ledger.onSent();
        CompletableFuture<DeliveryResult> future = connection.sender.send(message);
        future.whenComplete((result, failure) -> {
            connection.inFlight.decrementAndGet();
            if (failure == null) {
                this.ledger.onAcked((int) seq);
            }
            else {
                this.ledger.onFailed(failure);
            }
        });
        return true;
    }

    private static void parkUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /** A sender node's connection to one receiver and the messages it has in flight. */
    static final class Connection {

        final MessageCenter sender;

        final PeerAddress to;

        final AtomicInteger inFlight = new AtomicInteger();

        Connection(MessageCenter sender, PeerAddress to) {
            this.sender = sender;
            this.to = to;
        }

    }

}
