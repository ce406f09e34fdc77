package io.cupnet.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.cupnet.DeliveryResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A well-behaved peer exchanging need-ack messages with a node in both directions, one
 * round at a time, for as long as a test feeds the node bad input; then checked to have
 * been fully served.
 */
public final class SteadyTraffic implements AutoCloseable {

    private final Node node;

    private final Node peer;

    private final List<CompletableFuture<DeliveryResult>> sends = new ArrayList<>();

    private final AtomicInteger rounds = new AtomicInteger();

    private final Thread thread;

    private volatile boolean running = true;

    private volatile Throwable failure;

    private SteadyTraffic(Node node, Node peer) {
        this.node = node;
        this.peer = peer;
        this.thread = new Thread(this::run, "steady-traffic");
        this.thread.setDaemon(true);
    }

    /** Starts exchanging messages between {@code node} and the well-behaved {@code peer}. */
    public static SteadyTraffic between(Node node, Node peer) {
        SteadyTraffic traffic = new SteadyTraffic(node, peer);
        traffic.thread.start();
        traffic.awaitMoreRounds(3);
        return traffic;
    }

    /** Waits until {@code count} more rounds went through, proving the node still serves. */
    public void awaitMoreRounds(int count) {
        int target = this.rounds.get() + count;
        await().atMost(Duration.ofSeconds(20)).until(() -> this.rounds.get() >= target || this.failure != null);
        assertThat(this.failure).as("steady traffic failed").isNull();
    }

    /** Stops, and checks that every message of every round was acked and handled exactly once. */
    public void assertFullyServed() {
        stop();
        assertThat(this.failure).as("steady traffic failed").isNull();
        int count = this.rounds.get();
        assertThat(count).isPositive();
        assertThat(this.sends).hasSize(2 * count).allSatisfy((send) -> assertThat(send).isCompletedWithValueMatching(
                (result) -> result.status() == DeliveryResult.Status.ACKED));
        await().untilAsserted(() -> {
            assertThat(bodies(this.node, "to-node-")).hasSize(count).doesNotHaveDuplicates();
            assertThat(bodies(this.peer, "to-peer-")).hasSize(count).doesNotHaveDuplicates();
        });
    }

    @Override
    public void close() {
        stop();
    }

    private void stop() {
        this.running = false;
        try {
            this.thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            for (int round = 0; this.running; round++) {
                CompletableFuture<DeliveryResult> toNode = this.peer.center
                    .send(this.peer.message(this.node, "to-node-" + round).needAck().build());
                CompletableFuture<DeliveryResult> toPeer = this.node.center
                    .send(this.node.message(this.peer, "to-peer-" + round).needAck().build());
                this.sends.add(toNode);
                this.sends.add(toPeer);
                CompletableFuture.allOf(toNode, toPeer).get(20, TimeUnit.SECONDS);
                this.rounds.incrementAndGet();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
        catch (Exception | AssertionError ex) {
            this.failure = ex;
        }
    }

    private static List<String> bodies(Node node, String prefix) {
        return node.bodies().stream().filter((body) -> body.startsWith(prefix)).toList();
    }

}
