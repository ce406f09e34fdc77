package io.cupnet.ack;

import io.cupnet.ack.DedupWindow.State;
import io.cupnet.wire.PeerAddress;
import io.cupnet.wire.UniqId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the dedup window tells a receiver about a need-ack frame it sees again.
 */
class DedupWindowTest {

    private static final PeerAddress PEER = PeerAddress.of("10.1.2.3", 5000);

    private final DedupWindow window = new DedupWindow(2);

    @Test
    void firstCopyIsNewAndACopyDuringHandlingIsInProgress() {
        assertThat(this.window.admit(key(1))).isEqualTo(State.NEW);
        assertThat(this.window.admit(key(1))).isEqualTo(State.IN_PROGRESS);
    }

    @Test
    void copyAfterTheAckIsHandled() {
        this.window.admit(key(1));
        this.window.markHandled(key(1));

        assertThat(this.window.admit(key(1))).isEqualTo(State.HANDLED);
    }

    @Test
    void forgottenFrameIsNewAgain() {
        this.window.admit(key(1));
        this.window.forget(key(1));

        assertThat(this.window.admit(key(1))).isEqualTo(State.NEW);
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

        assertThat(this.window.admit(AckKey.of(PeerAddress.of("10.1.2.4", 5000), UniqId.of(1)))).isEqualTo(State.NEW);
    }

    private static AckKey key(long id) {
        return AckKey.of(PEER, UniqId.of(id));
    }

}
