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

    private final List<String> signals = new ArrayList<>();

    private final ReceiveQueue queue = new ReceiveQueue(4, 1, new ReceiveQueue.Backpressure() {

        @Override
        public void pauseReading() {
            ReceiveQueueTest.this.signals.add("pause");
        }

        @Override
        public void resumeReading() {
            ReceiveQueueTest.this.signals.add("resume");
        }

    });

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
    void closedQueueRefusesNewFramesAndHandsOutWhatIsLeft() throws Exception {
        offer("left", false);
        this.queue.close();

        assertThat(this.queue.offer(message("late", false))).isFalse();
        assertThat(take()).isEqualTo("left");
        assertThat(this.queue.take()).isNull();
    }

    @Test
    void invertedWatermarksAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ReceiveQueue(5, 5, null))
            .withMessageContaining("low=5 high=5");
    }

    private void offer(String body, boolean urgent) {
        assertThat(this.queue.offer(message(body, urgent))).isTrue();
    }

    private String take() throws InterruptedException {
        return this.queue.take().bodyAsString();
    }

    private static CupMessage message(String body, boolean urgent) {
        CupMessage.Builder builder = CupMessage.builder().to(PeerAddress.of("127.0.0.1", 1)).type(7).body(body);
        if (urgent) {
            builder.urgent();
        }
        return builder.build();
    }

}
