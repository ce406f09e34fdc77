package io.cupnet.internal.ack;

import java.util.concurrent.CompletableFuture;

import io.cupnet.CupMessage;
import io.cupnet.MessageFlags;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.support.AckFrames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pending need-ack messages in the ring and, when their slot is taken, in the overflow map.
 */
class PendingAcksTest {

    private static final PeerAddress PEER = PeerAddress.of("127.0.0.1", 6000);

    private static final PeerAddress OTHER_PEER = PeerAddress.of("127.0.0.1", 6001);

    private static final PeerAddress SELF = PeerAddress.of("10.1.2.3", 5000);

    /** An id in the same ring slot as id 1. */
    private static final long SAME_SLOT_AS_1 = 1 + PendingAcks.RING_SIZE;

    private final PendingAcks pending = new PendingAcks();

    @Test
    void anAckRemovesItsEntryOnce() {
        PendingAck entry = added(PEER, 1);

        assertThat(this.pending.remove(ack(PEER, UniqId.of(1)))).isSameAs(entry);
        assertThat(this.pending.remove(ack(PEER, UniqId.of(1)))).isNull();
        assertThat(this.pending.size()).isZero();
    }

    @Test
    void anEntryWhoseSlotIsTakenWaitsInTheOverflowAndIsFoundByItsAck() {
        PendingAck first = added(PEER, 1);

        PendingAck sameSlot = added(PEER, SAME_SLOT_AS_1);

        assertThat(this.pending.size()).isEqualTo(2);
        assertThat(this.pending.snapshot()).containsExactlyInAnyOrder(first, sameSlot);
        assertThat(this.pending.remove(ack(PEER, UniqId.of(SAME_SLOT_AS_1)))).isSameAs(sameSlot);
        assertThat(this.pending.remove(ack(PEER, UniqId.of(1)))).isSameAs(first);
    }

    @Test
    void anOverflowEntryIsFoundAfterTheRingEntryBeforeItLeft() {
        added(PEER, 1);
        PendingAck sameSlot = added(PEER, SAME_SLOT_AS_1);

        this.pending.remove(ack(PEER, UniqId.of(1)));

        assertThat(this.pending.remove(ack(PEER, UniqId.of(SAME_SLOT_AS_1)))).isSameAs(sameSlot);
        assertThat(this.pending.size()).isZero();
    }

    @Test
    void anAckMatchesOnlyTheSamePeerAndTheWholeUniqId() {
        this.pending.add(entry(PEER, new UniqId(7, 1)));

        assertThat(this.pending.remove(ack(OTHER_PEER, new UniqId(7, 1)))).isNull();
        assertThat(this.pending.remove(ack(PEER, new UniqId(8, 1)))).isNull();
        assertThat(this.pending.size()).isEqualTo(1);
    }

    @Test
    void theSameMessageCannotBePendingTwiceInTheRingOrTheOverflow() {
        added(PEER, 1);
        added(PEER, SAME_SLOT_AS_1);

        assertThat(this.pending.add(entry(PEER, UniqId.of(1)))).isFalse();
        assertThat(this.pending.add(entry(PEER, UniqId.of(SAME_SLOT_AS_1)))).isFalse();
        assertThat(this.pending.add(entry(OTHER_PEER, UniqId.of(1)))).isTrue();
        assertThat(this.pending.size()).isEqualTo(3);
    }

    @Test
    void removingAnEntryItselfSucceedsOnceWhereverItWaits() {
        PendingAck inRing = added(PEER, 1);
        PendingAck inOverflow = added(PEER, SAME_SLOT_AS_1);

        assertThat(this.pending.remove(inOverflow)).isTrue();
        assertThat(this.pending.remove(inOverflow)).isFalse();
        assertThat(this.pending.remove(inRing)).isTrue();
        assertThat(this.pending.remove(inRing)).isFalse();
        assertThat(this.pending.snapshot()).isEmpty();
    }

    /** An entry for the message to {@code to} with uniq id {@code id}, added to the pending acks. */
    private PendingAck added(PeerAddress to, long id) {
        PendingAck entry = entry(to, UniqId.of(id));
        assertThat(this.pending.add(entry)).isTrue();
        return entry;
    }

    private static PendingAck entry(PeerAddress to, UniqId uniqId) {
        CupMessage message = CupMessage.builder()
            .flags(MessageFlags.NORMAL | MessageFlags.NEEDACK)
            .from(SELF)
            .to(to)
            .type(8)
            .uniqId(uniqId)
            .body("job")
            .build();
        return new PendingAck(message, new CompletableFuture<>(), 0, 0, null);
    }

    private static CupMessage ack(PeerAddress from, UniqId uniqId) {
        return AckFrames.ack(from, SELF, uniqId);
    }

}
