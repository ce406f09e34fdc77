package io.cupnet.internal.ack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryException.Reason;
import io.cupnet.DeliveryException;
import io.cupnet.DeliveryResult;
import io.cupnet.MessageFlags;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.metrics.CupnetStats.Received;
import io.cupnet.metrics.CupnetStats;
import io.cupnet.support.AckFrames;
import io.netty.util.HashedWheelTimer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Matching, retries and exactly-once completion of the ack tracker.
 */
class AckTrackerTest {

    private static final PeerAddress PEER = PeerAddress.of("127.0.0.1", 6000);

    private static final PeerAddress SELF = PeerAddress.of("10.1.2.3", 5000);

    private final HashedWheelTimer timer = new HashedWheelTimer(5, TimeUnit.MILLISECONDS);

    private final List<PendingAck> resent = new CopyOnWriteArrayList<>();

    private final CupnetStats stats = new CupnetStats();

    @AfterEach
    void stopTimer() {
        this.timer.stop();
    }

    @Test
    void ackFromThePeerCompletesThePendingMessage() {
        AckTracker tracker = tracker(Duration.ofSeconds(10));
        PendingAck pending = tracker.register(message(1), new CompletableFuture<>());

        assertThat(tracker.onAck(ack(PEER.withSubEndpoint(7, 9), 1))).isTrue();

        assertThat(pending.future()).isCompletedWithValueMatching(
                (result) -> result.status() == DeliveryResult.Status.ACKED && result.uniqId().equals(UniqId.of(1)));
        assertThat(tracker.pendingCount()).isZero();
    }

    @Test
    void duplicateAndUnknownAcksAreCountedAndIgnored() {
        AckTracker tracker = tracker(Duration.ofSeconds(10));
        tracker.register(message(1), new CompletableFuture<>());
        tracker.onAck(ack(PEER, 1));

        assertThat(tracker.onAck(ack(PEER, 1))).isFalse();
        assertThat(tracker.onAck(ack(PEER, 2))).isFalse();
        assertThat(tracker.onAck(ack(PeerAddress.of("127.0.0.1", 6001), 1))).isFalse();
        assertThat(this.stats.ackUnmatched().sum()).isEqualTo(3);
    }

    @Test
    void acksOfOneReadGiveBackEverySlotBeforeAnyFutureCompletes() {
        AckTracker tracker = tracker(Duration.ofSeconds(10));
        SlotCount slots = new SlotCount(2);
        assertThat(slots.tryTake()).isNull();
        assertThat(slots.tryTake()).isNull();
        PendingAck first = tracker.register(message(1), new CompletableFuture<>(), slots);
        tracker.register(message(2), new CompletableFuture<>(), slots);
        List<Integer> slotsTakenInCallback = new CopyOnWriteArrayList<>();
        first.future().thenRun(() -> slotsTakenInCallback.add(slots.count()));

        int matched = tracker.onAcks(List.of(ack(PEER, 1), ack(PEER, 99), ack(PEER, 2)));

        assertThat(matched).isEqualTo(2);
        assertThat(slotsTakenInCallback).containsExactly(0);
        assertThat(tracker.pendingCount()).isZero();
        assertThat(this.stats.receivedByType().total(Received.ACCEPTED.ordinal())).isEqualTo(2);
        assertThat(this.stats.receivedByType().total(Received.UNMATCHED.ordinal())).isEqualTo(1);
        assertThat(this.stats.ackUnmatched().sum()).isEqualTo(1);
    }

    @Test
    void unackedMessageIsResentAndThenTimesOutOnce() {
        AckTracker tracker = tracker(Duration.ofMillis(200));
        PendingAck pending = tracker.register(message(1), new CompletableFuture<>());
        pending.onWriting();

        await().until(() -> pending.future().isDone());

        assertThat(pending.future()).isCompletedExceptionally();
        assertThat(this.stats.ackTimeouts().sum()).isEqualTo(1);
        assertThat(this.resent).isNotEmpty().allMatch((entry) -> entry == pending);
        assertThat(tracker.onAck(ack(PEER, 1))).isFalse();
    }

    @Test
    void messageNeverWrittenIsGivenUpAtItsFirstWriteDeadlineAndIsNotWrittenAfterwards() {
        AckTracker tracker = new AckTracker(this.timer, Duration.ofMillis(20), Duration.ofSeconds(10),
                Duration.ofMillis(50), this.resent::add, (entry) -> new DeliveryException(Reason.PEER_UNREACHABLE,
                        entry.to(), entry.uniqId(), "could not connect"), this.stats);
        PendingAck pending = tracker.register(message(1), new CompletableFuture<>());

        await().until(() -> pending.future().isDone());

        assertThat(pending.future()).failsWithin(Duration.ZERO)
            .withThrowableThat()
            .havingCause()
            .isInstanceOfSatisfying(DeliveryException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(Reason.PEER_UNREACHABLE));
        assertThat(pending.onWriting()).isFalse();
        assertThat(pending.attempts()).isZero();
        assertThat(this.stats.ackTimeouts().sum()).isZero();
        assertThat(this.resent).isEmpty();
        assertThat(tracker.pendingCount()).isZero();
    }

    @Test
    void messageWrittenOnceIsNotGivenUpAtItsFirstWriteDeadline() {
        AckTracker tracker = new AckTracker(this.timer, Duration.ofMillis(20), Duration.ofMillis(300),
                Duration.ofMillis(50), this.resent::add, (entry) -> new DeliveryException(Reason.PEER_UNREACHABLE,
                        entry.to(), entry.uniqId(), "could not connect"), this.stats);
        PendingAck pending = tracker.register(message(1), new CompletableFuture<>());
        assertThat(pending.onWriting()).isTrue();

        await().until(() -> pending.future().isDone());

        assertThat(pending.future()).failsWithin(Duration.ZERO)
            .withThrowableThat()
            .havingCause()
            .isInstanceOfSatisfying(DeliveryException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(Reason.ACK_TIMEOUT));
        assertThat(this.stats.ackTimeouts().sum()).isEqualTo(1);
    }

    @Test
    void sameIdToTheSamePeerCannotBePendingTwice() {
        AckTracker tracker = tracker(Duration.ofSeconds(10));
        tracker.register(message(1), new CompletableFuture<>());

        assertThatIllegalStateException().isThrownBy(() -> tracker.register(message(1), new CompletableFuture<>()));
    }

    @Test
    void failAllCompletesEveryPendingMessageExceptionally() {
        AckTracker tracker = tracker(Duration.ofSeconds(10));
        CompletableFuture<DeliveryResult> first = tracker.register(message(1), new CompletableFuture<>()).future();
        CompletableFuture<DeliveryResult> second = tracker.register(message(2), new CompletableFuture<>()).future();

        assertThat(tracker.failAll(DeliveryException.Reason.SHUTDOWN, "stopping")).isEqualTo(2);

        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
        assertThat(tracker.onAck(ack(PEER, 1))).isFalse();
    }

    private AckTracker tracker(Duration timeout) {
        return new AckTracker(this.timer, Duration.ofMillis(20), timeout, (pending) -> {
            this.resent.add(pending);
            pending.onWriting();
        }, this.stats);
    }

    private static CupMessage message(long id) {
        return CupMessage.builder()
            .flags(MessageFlags.NORMAL | MessageFlags.NEEDACK)
            .from(SELF)
            .to(PEER)
            .type(8)
            .uniqId(UniqId.of(id))
            .body("job")
            .build();
    }

    private static CupMessage ack(PeerAddress from, long id) {
        return AckFrames.ack(from, SELF, UniqId.of(id));
    }

}
