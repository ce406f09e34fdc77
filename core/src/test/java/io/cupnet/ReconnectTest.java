package io.cupnet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.cupnet.metrics.CupnetStats;
import io.cupnet.options.Backoff;
import io.cupnet.options.CupnetOptions;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reconnect attempts to a peer that is down are paced by the backoff: counted, not timed.
 *
 * <p>Each test lets a few seconds pass and then compares the attempts counted with the most the
 * backoff allows in the time that really passed: attempt {@code n + 1} starts at least the
 * shortest possible delay after failure {@code n}, so late timers can only lower the count.
 */
class ReconnectTest {

    /** Fast enough to reach the cap within the test; an ack retry (50 ms) asks to connect more often. */
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(20), Duration.ofMillis(400), 2.0, 0.5);

    private static final Duration OBSERVED = Duration.ofSeconds(2);

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @Test
    void attemptsToAPortWhereNothingListensAreBoundedByTheBackoff() throws Exception {
        Node node = this.nodes.add(Node.start(ReconnectTest::options));
        PeerAddress nobody = unusedAddress();

        long start = System.nanoTime();
        CompletableFuture<DeliveryResult> future = node.center.send(needAck(nobody));
        long attempts = observeAttempts(node.center.stats());
        long elapsed = System.nanoTime() - start;

        assertThat(attempts).isLessThanOrEqualTo(maxAttempts(elapsed));
        assertThat(node.center.stats().connectFailures().sum()).isGreaterThanOrEqualTo(2);
        assertThat(future).isNotDone();
    }

    @Test
    void attemptsToAListenerThatClosesEveryConnectionAreBoundedByTheBackoff() throws Exception {
        Node node = this.nodes.add(Node.start(ReconnectTest::options));
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread closer = closeEveryConnection(server);
            PeerAddress dropper = PeerAddress.of("127.0.0.1", server.getLocalPort());

            long start = System.nanoTime();
            node.center.send(needAck(dropper));
            long attempts = observeAttempts(node.center.stats());
            long elapsed = System.nanoTime() - start;

            assertThat(attempts).isLessThanOrEqualTo(maxAttempts(elapsed));
            assertThat(node.center.stats().reconnects().sum()).isGreaterThanOrEqualTo(1);
            server.close();
            closer.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private static CupnetOptions.Builder options(CupnetOptions.Builder options) {
        return options.connect(c -> c.backoff(BACKOFF))
            .ack(a -> a.retryInterval(Duration.ofMillis(50)).timeout(Duration.ofSeconds(30)))
            .send(s -> s.deliveryTimeout(Duration.ofSeconds(30)))
            .shutdownTimeout(Duration.ofMillis(200));
    }

    /** Waits until the node retried at all, lets {@link #OBSERVED} pass, and returns the attempts so far. */
    private static long observeAttempts(CupnetStats stats) throws InterruptedException {
        await().atMost(Duration.ofSeconds(10)).until(() -> stats.connectAttempts().sum() >= 3);
        Thread.sleep(OBSERVED.toMillis());
        return stats.connectAttempts().sum();
    }

    /** The most attempts the backoff allows in {@code elapsedNanos}: one at once, then one per shortest delay. */
    private static long maxAttempts(long elapsedNanos) {
        long attempts = 1;
        long earliest = 0;
        for (int failures = 1; earliest <= elapsedNanos; failures++) {
            double base = Math.min(BACKOFF.initial().toNanos() * Math.pow(BACKOFF.multiplier(), failures - 1),
                    BACKOFF.max().toNanos());
            earliest += (long) (base * (1 - BACKOFF.jitter()));
            if (earliest <= elapsedNanos) {
                attempts++;
            }
        }
        return attempts;
    }

    private static Thread closeEveryConnection(ServerSocket server) {
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket accepted = server.accept()) {
                    // The connection is established: closing it now is a drop after connect, not a refusal.
                    accepted.shutdownOutput();
                }
                catch (IOException ex) {
                    // closed by the test
                }
            }
        }, "closing-listener");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static CupMessage needAck(PeerAddress to) {
        return CupMessage.builder().to(to).type(7).body("x").needAck().build();
    }

    private static PeerAddress unusedAddress() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return PeerAddress.of("127.0.0.1", socket.getLocalPort());
        }
    }

}
