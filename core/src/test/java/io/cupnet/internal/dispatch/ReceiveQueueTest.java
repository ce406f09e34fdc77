package io.cupnet.internal.dispatch;

import java.util.ArrayList;
import java.util.List;

import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Lanes and watermarks of the receive queue.
 */
class ReceiveQueueTest {

    /** The bytes a frame counts besides its body. */
    private static final int HEADER = message("", false).frameLength(false);

    private final List<String> signals = new ArrayList<>();

    private final ReceiveQueue queue = new ReceiveQueue(4, 1, Long.MAX_VALUE, Long.MAX_VALUE - 1, new Signals());

    @Test
    void urgentFramesAreTakenFirstAndEachLaneIsFifo() throws Exception {
        offer("n1", false);
        offer("u1", true);
        offer("n2", false);

        assertThat(List.of(take(), take(), take())).containsExactly("u1", "n1", "n2");
    }

    @Test
    void readingPausesAtTheHighWatermarkAndResumesAtTheLowOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            offer("m" + i, false);
        }
        assertThat(this.signals).isEmpty();

        offer("m3", false);
        offer("m4", false);
        assertThat(this.signals).containsExactly("pause");
        assertThat(this.queue.isPaused()).isTrue();

        take();
        take();
        take();
        assertThat(this.signals).containsExactly("pause");
        take();
        assertThat(this.signals).containsExactly("pause", "resume");
        assertThat(this.queue.maxSizeSeen()).isEqualTo(5);
    }

    @Test
    void readingPausesAtTheHighWatermarkInBytesLongBeforeTheOneInFrames() throws Exception {
        ReceiveQueue queue = new ReceiveQueue(1_000, 500, 3 * (HEADER + 100), HEADER + 100, new Signals());
        queue.offer(message("a".repeat(100), false));
        queue.offerAll(List.of(message("b".repeat(100), false), message("c".repeat(99), false)));
        assertThat(this.signals).isEmpty();
        assertThat(queue.bytes()).isEqualTo(3 * HEADER + 299);

        queue.offer(message("d", false));
        assertThat(this.signals).containsExactly("pause");
        assertThat(queue.isPaused()).isTrue();
        assertThat(queue.maxBytesSeen()).isEqualTo(4 * HEADER + 300);
        assertThat(queue.maxSizeSeen()).isEqualTo(4);
    }

    @Test
    void pausedReadingResumesOnlyOnceBothFramesAndBytesAreAtTheirLowWatermarks() throws Exception {
        ReceiveQueue queue = new ReceiveQueue(3, 1, 2 * (HEADER + 100), HEADER + 1, new Signals());
        queue.offerAll(List.of(message("x".repeat(100), false), message("y".repeat(100), false),
                message("z".repeat(100), false)));
        assertThat(this.signals).containsExactly("pause");

        queue.take();
        queue.take();
        // One frame left, at the low watermark in frames, but its 100 bytes are above the one in bytes.
        assertThat(queue.size()).isEqualTo(1);
        assertThat(this.signals).containsExactly("pause");

        queue.offer(message("", false));
        queue.take();
        assertThat(queue.bytes()).isEqualTo(HEADER);
        assertThat(this.signals).containsExactly("pause", "resume");
    }

    @Test
    void aFrameLargerThanTheHighWatermarkInBytesPausesReadingUntilItIsTaken() throws Exception {
        ReceiveQueue queue = new ReceiveQueue(1_000, 500, 10, 5, new Signals());
        queue.offer(message("a frame larger than the watermark", false));
        assertThat(this.signals).containsExactly("pause");

        queue.take();
        assertThat(this.signals).containsExactly("pause", "resume");
        assertThat(queue.bytes()).isZero();
    }

    @Test
    void drainingForgetsTheBytes() {
        offer("left", false);
        this.queue.close();

        assertThat(this.queue.drain()).hasSize(1);
        assertThat(this.queue.bytes()).isZero();
    }

    @Test
    void closedQueueRefusesNewFramesAndHandsOutWhatIsLeft() throws Exception {
        offer("left", false);
        this.queue.close();

        assertThat(this.queue.offer(message("late", false))).isFalse();
        assertThat(take()).isEqualTo("left");
        assertThat(this.queue.take()).isNull();
    }

    @Test
    void invertedWatermarksAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ReceiveQueue(5, 5, 10, 5, null))
            .withMessageContaining("low=5 high=5");
        assertThatIllegalArgumentException().isThrownBy(() -> new ReceiveQueue(5, 4, 10, 10, null))
            .withMessageContaining("in bytes").withMessageContaining("low=10 high=10");
    }

    private void offer(String body, boolean urgent) {
        assertThat(this.queue.offer(message(body, urgent))).isTrue();
    }

    private String take() throws InterruptedException {
        return this.queue.take().bodyAsString();
    }

    private final class Signals implements ReceiveQueue.Backpressure {

        @Override
        public void pauseReading() {
            ReceiveQueueTest.this.signals.add("pause");
        }

        @Override
        public void resumeReading() {
            ReceiveQueueTest.this.signals.add("resume");
        }

    }

    private static CupMessage message(String body, boolean urgent) {
        CupMessage.Builder builder = CupMessage.builder().to(PeerAddress.of("127.0.0.1", 1)).type(7).body(body);
        if (urgent) {
            builder.urgent();
        }
        return builder.build();
    }

}
