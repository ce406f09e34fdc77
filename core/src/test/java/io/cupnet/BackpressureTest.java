package io.cupnet;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.cupnet.internal.transport.FrameHandler;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fast sender against a slow handler: the receive queue stays bounded, in frames and in
 * bytes, because the receiver stops reading, and every message still arrives.
 */
class BackpressureTest {

    private static final int HIGH = 100;

    private static final int LOW = 50;

    private static final int BODY = 1024;

    private static final long HIGH_BYTES = 4L * 1024 * 1024;

    private static final long LOW_BYTES = 2L * 1024 * 1024;

    private static final int LARGE_BODY = 256 * 1024;

    /** The most one read of a connection brings before its frames are handed over: 16 reads of 64 KiB. */
    private static final int ONE_READ = 16 * 65_536;

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

    @Test
    void largeFramesPauseReadingByBytesLongBeforeTheFrameWatermarkAndLoseNothing() throws Exception {
        int total = 80;
        CountDownLatch release = new CountDownLatch(1);
        Node receiver = this.nodes.add(Node.start((options) -> options
                .receive(r -> r.highWatermarkBytes(HIGH_BYTES).lowWatermarkBytes(LOW_BYTES)),
                (message, ack) -> release.await(60, TimeUnit.SECONDS)));
        Node sender = this.nodes.add(Node.start((options) -> options
                .send(s -> s.deliveryTimeout(Duration.ofSeconds(60)))));
        // Past the high watermark come at most: the frame a read completes and the rest of that read.
        long pausedAtMost = HIGH_BYTES + numberedFrameBytes() + ONE_READ;
        try {
            for (int i = 0; i < total; i++) {
                sender.center.send(sender.message(receiver, "").body(numbered(i)).build());
            }

            await().atMost(Duration.ofSeconds(30)).until(receiver.center::isReadingPaused);
            assertThat(receiver.center.receiveQueueBytes()).isBetween(HIGH_BYTES, pausedAtMost);
            assertThat(receiver.center.receiveQueueSize()).isLessThan(total)
                .isLessThan(receiver.center.options().receive().highWatermark() / 100);
        }
        finally {
            release.countDown();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received.size() == total);
        assertThat(receiver.received).extracting(BackpressureTest::number)
            .containsExactlyElementsOf(IntStream.range(0, total).boxed().toList());
        assertThat(receiver.center.receiveQueueMaxBytes()).isLessThanOrEqualTo(pausedAtMost);
        assertThat(receiver.center.receiveQueueBytes()).isZero();
        assertThat(receiver.center.isReadingPaused()).isFalse();
    }

    /** A large body that starts with its index. */
    private static byte[] numbered(int index) {
        return ByteBuffer.allocate(LARGE_BODY).putInt(index).array();
    }

    /** The bytes the receive queue counts for a numbered frame: its header and body. */
    private static int numberedFrameBytes() {
        return CupMessage.builder().to(PeerAddress.of("127.0.0.1", 1)).body(numbered(0)).build().frameLength(false);
    }

    private static int number(CupMessage message) {
        return ByteBuffer.wrap(message.body()).getInt();
    }

    private static void busyFor(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

}
