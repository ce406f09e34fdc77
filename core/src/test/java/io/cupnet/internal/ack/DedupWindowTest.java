package io.cupnet.internal.ack;

import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.internal.ack.DedupWindow.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the dedup window tells a receiver about a need-ack frame it sees again.
 */
class DedupWindowTest {

    private static final PeerAddress PEER = PeerAddress.of("10.1.2.3", 5000);

    private final DedupWindow window = new DedupWindow(2);

    @Test
    void uniqIdsCraftedToShareALinearHashSpreadOverTheBuckets() {
        DedupWindow window = new DedupWindow(16_384);
        PeerAddress sender = PeerAddress.of("10.0.0.1", 7000);
        for (long i = 0; i < 10_000; i++) {
            // Long.hashCode((i << 32) | i) is 0: under a hash linear in the fields every key would share one bucket.
            UniqId crafted = new UniqId((i << 32) | i, 0);
            assertThat(DedupKey.of(sender, crafted).hashCode()).isEqualTo(DedupKey.of(sender, UniqId.of(0)).hashCode());
            window.admit(DedupKey.of(sender, crafted));
        }

        assertThat(window.size()).isEqualTo(10_000);
        assertThat(window.longestChain()).isLessThanOrEqualTo(12);
    }

    @Test
    void firstCopyIsNewAndACopyDuringHandlingIsInProgress() {
        assertThat(this.window.admit(key(1))).isEqualTo(State.NEW);
        assertThat(this.window.admit(key(1))).isEqualTo(State.IN_PROGRESS);
    }

    @Test
    void copyAfterTheAckIsHandled() {
        DedupKey admitted = key(1);
        this.window.admit(admitted);
        this.window.markHandled(admitted);

        assertThat(this.window.admit(key(1))).isEqualTo(State.HANDLED);
    }

    @Test
    void forgottenFrameIsNewAgain() {
        DedupKey admitted = key(1);
        this.window.admit(admitted);
        this.window.forget(admitted);

        assertThat(this.window.admit(key(1))).isEqualTo(State.NEW);
    }

    @Test
    void forgettingAnEvictedFrameKeepsTheCopyAdmittedSince() {
        DedupKey evicted = key(1);
        this.window.admit(evicted);
        this.window.admit(key(2));
        this.window.admit(key(3));
        DedupKey copy = key(1);
        assertThat(this.window.admit(copy)).isEqualTo(State.NEW);

        this.window.forget(evicted);

        assertThat(this.window.admit(key(1))).isEqualTo(State.IN_PROGRESS);
    }

    @Test
    void markingACopyThatWasNotAdmittedChangesNothing() {
        this.window.admit(key(1));
        DedupKey duplicate = key(1);
        assertThat(this.window.admit(duplicate)).isEqualTo(State.IN_PROGRESS);

        this.window.markHandled(duplicate);

        assertThat(this.window.admit(key(1))).isEqualTo(State.IN_PROGRESS);
    }

    @Test
    void oldestFrameIsForgottenPastTheCapacity() {
        this.window.admit(key(1));
        this.window.admit(key(2));
        this.window.admit(key(3));

        assertThat(this.window.size()).isEqualTo(2);
        assertThat(this.window.admit(key(1))).isEqualTo(State.NEW);
    }

    @Test
    void sameIdFromAnotherPeerIsADifferentFrame() {
        this.window.admit(key(1));

        assertThat(this.window.admit(DedupKey.of(PeerAddress.of("10.1.2.4", 5000), UniqId.of(1)))).isEqualTo(State.NEW);
    }

    @Test
    void framesThatShareABucketAreFoundUntilTheOldestIsEvicted() {
        // Capacity 2 gives 4 buckets: uniq ids 4 apart share one.
        this.window.admit(key(1));
        this.window.admit(key(5));
        assertThat(this.window.admit(key(1))).isEqualTo(State.IN_PROGRESS);
        assertThat(this.window.admit(key(5))).isEqualTo(State.IN_PROGRESS);

        assertThat(this.window.admit(key(9))).isEqualTo(State.NEW);

        assertThat(this.window.admit(key(5))).isEqualTo(State.IN_PROGRESS);
        assertThat(this.window.admit(key(9))).isEqualTo(State.IN_PROGRESS);
        assertThat(this.window.size()).isEqualTo(2);
        assertThat(this.window.admit(key(1))).isEqualTo(State.NEW);
    }

    @Test
    void forgettingAFrameInTheMiddleOfABucketKeepsTheOthers() {
        DedupWindow window = new DedupWindow(3);
        window.admit(key(1));
        DedupKey middle = key(5);
        window.admit(middle);
        window.admit(key(9));

        window.forget(middle);

        assertThat(window.size()).isEqualTo(2);
        assertThat(window.admit(key(1))).isEqualTo(State.IN_PROGRESS);
        assertThat(window.admit(key(9))).isEqualTo(State.IN_PROGRESS);
        assertThat(window.admit(key(5))).isEqualTo(State.NEW);
    }

    @Test
    void capacityOutsideItsBoundsIsRefusedNamingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DedupWindow(0))
            .withMessageContaining("between 1 and 16777216, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new DedupWindow(DedupWindow.MAX_CAPACITY + 1))
            .withMessageContaining("was 16777217");
    }

    /** A fresh key, as the dispatcher makes one per received frame. */
    private static DedupKey key(long id) {
        return DedupKey.of(PEER, UniqId.of(id));
    }

}
