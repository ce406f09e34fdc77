package io.cupnet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.cupnet.internal.transport.FrameHandler;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fast sender against a slow handler: the receive queue stays bounded because the
 * receiver stops reading, and every message still arrives.
 */
class BackpressureTest {

    private static final int HIGH = 100;

    private static final int LOW = 50;

    private static final int BODY = 1024;

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @Test
    void slowHandlerPausesReadingAndLosesNothing() {
        int total = 3_000;
        Node receiver = this.nodes.add(Node.start((options) -> options
                .receive(r -> r.lowWatermark(LOW).highWatermark(HIGH)),
                (message, ack) -> busyFor(Duration.ofNanos(200_000))));
        Node sender = this.nodes.add(Node.start((options) -> options
                .send(s -> s.overflowPolicy(OverflowPolicy.WAIT)
                    .overflowWait(Duration.ofSeconds(30))
                    .deliveryTimeout(Duration.ofSeconds(60)))));

        List<CompletableFuture<DeliveryResult>> futures = new ArrayList<>();
        byte[] body = new byte[BODY];
        for (int i = 0; i < total; i++) {
            futures.add(sender.center.send(sender.message(receiver, "").body(body).build()));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received.size() == total);
        // Past the high watermark come at most: the batch the connection was handing over when reading
        // paused, and the frames of the read buffer under way with the partial frame left from the one before.
        int oneReadOfFrames = 65_536 / BODY + 1;
        assertThat(receiver.center.receiveQueueMaxSize())
            .isBetween(HIGH, HIGH + FrameHandler.MAX_BATCH + 2 * oneReadOfFrames);
        assertThat(receiver.center.stats().readPauses().sum()).isGreaterThanOrEqualTo(1);
        assertThat(receiver.center.isReadingPaused()).isFalse();
        assertThat(futures).allSatisfy((future) -> assertThat(future).isCompleted());
    }

    private static void busyFor(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

}
