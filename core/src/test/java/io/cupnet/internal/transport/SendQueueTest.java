package io.cupnet.internal.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.cupnet.CupMessage;
import io.cupnet.Lane;
import io.cupnet.PeerAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lane order and capacity of a peer's send queue.
 */
class SendQueueTest {

    private final SendQueue queue = new SendQueue(3);

    @Test
    void urgentFramesAreTakenFirstAndEachLaneIsFifo() {
        add("n1", false);
        add("u1", true);
        add("n2", false);
        add("u2", true);

        assertThat(drain()).containsExactly("u1", "u2", "n1", "n2");
    }

    @Test
    void capacityIsCountedInPermitsThatWritingGivesBack() {
        assertThat(this.queue.tryReserve()).isTrue();
        assertThat(this.queue.tryReserve()).isTrue();
        assertThat(this.queue.tryReserve()).isTrue();
        assertThat(this.queue.tryReserve()).isFalse();
        this.queue.add(outbound("a", false, true));

        assertThat(this.queue.poll().holdsPermit()).isTrue();
        this.queue.release(1);

        assertThat(this.queue.tryReserve()).isTrue();
    }

    @Test
    void reserveWaitsForAPermitUntilItsTimeout() throws Exception {
        for (int i = 0; i < 3; i++) {
            this.queue.tryReserve();
        }

        assertThat(this.queue.reserve(Duration.ofMillis(20))).isFalse();
    }

    @Test
    void framesPutBackGoToTheHeadOfTheirLaneInOrder() {
        add("n3", false);
        this.queue.addFirst(List.of(outbound("n1", false, false), outbound("u1", true, false),
                outbound("n2", false, false)));

        assertThat(drain()).containsExactly("u1", "n1", "n2", "n3");
    }

    @Test
    void removeIfTakesMatchingFramesAndTheirPermits() {
        this.queue.tryReserve();
        this.queue.add(outbound("keep", false, true));
        this.queue.tryReserve();
        this.queue.add(outbound("drop", true, true));

        List<OutboundMessage> removed = this.queue.removeIf((message) -> message.message().bodyAsString().equals("drop"));

        assertThat(removed).hasSize(1);
        assertThat(this.queue.size()).isEqualTo(1);
        assertThat(this.queue.urgentSize()).isZero();
        assertThat(reserveAll()).isEqualTo(2);
    }

    @Test
    void acksAreTakenAsRunsInOrderAndCountedAsNormalFrames() {
        add("n1", false);
        this.queue.addAcks(acks(2));
        this.queue.addAcks(acks(3));

        assertThat(this.queue.normalSize()).isEqualTo(6);
        assertThat(this.queue.urgentSize()).isZero();
        assertThat(this.queue.pollAcks().count()).isEqualTo(2);
        this.queue.addAcksFirst(List.of(acks(4)));
        assertThat(this.queue.pollAcks().count()).isEqualTo(4);
        assertThat(this.queue.pollAcks().count()).isEqualTo(3);
        assertThat(this.queue.hasAcks()).isFalse();
        assertThat(this.queue.normalSize()).isEqualTo(1);
        assertThat(this.queue.isEmpty()).isFalse();
    }

    @Test
    void acksTakeNoPermitAndKeepTheQueueFromLookingEmpty() {
        this.queue.addAcks(acks(5));

        assertThat(this.queue.isEmpty()).isFalse();
        assertThat(reserveAll()).isEqualTo(3);
    }

    @Test
    void removeAcksIfTakesMatchingRunsAndUncountsThem() {
        this.queue.addAcks(acks(1));
        this.queue.addAcks(acks(2));

        List<OutboundAcks> removed = this.queue.removeAcksIf((run) -> run.count() == 2);

        assertThat(removed).extracting(OutboundAcks::count).containsExactly(2);
        assertThat(this.queue.size()).isEqualTo(1);
        assertThat(this.queue.pollAcks().count()).isEqualTo(1);
        assertThat(this.queue.isEmpty()).isTrue();
    }

    private static OutboundAcks acks(int count) {
        CupMessage[] acked = new CupMessage[count];
        for (int i = 0; i < count; i++) {
            acked[i] = CupMessage.builder().to(PeerAddress.of("127.0.0.1", 1)).type(7).needAck().build();
        }
        return OutboundAcks.of(List.of(acked), 0);
    }

    @Test
    void lanesHoldManyMoreEntriesThanTheirFirstArrayInOrder() {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            frames.add("u" + i);
            add("u" + i, true);
            this.queue.addAcks(acks(i + 1));
        }
        for (int i = 0; i < 100; i++) {
            frames.add("n" + i);
            add("n" + i, false);
        }

        assertThat(drain()).containsExactlyElementsOf(frames);
        for (int i = 0; i < 100; i++) {
            assertThat(this.queue.pollAcks().count()).isEqualTo(i + 1);
        }
        assertThat(this.queue.isEmpty()).isTrue();
    }

    @Test
    void normalLaneStartsWithAnArrayForItsCapacityWithinBounds() {
        assertThat(SendQueue.firstChunk(3)).isEqualTo(16);
        assertThat(SendQueue.firstChunk(16)).isEqualTo(16);
        assertThat(SendQueue.firstChunk(17)).isEqualTo(32);
        assertThat(SendQueue.firstChunk(200)).isEqualTo(256);
        assertThat(SendQueue.firstChunk(1024)).isEqualTo(1024);
        assertThat(SendQueue.firstChunk(1_000_000)).isEqualTo(1024);
    }

    /** Takes every free permit; returns how many there were. */
    private int reserveAll() {
        int reserved = 0;
        while (this.queue.tryReserve()) {
            reserved++;
        }
        return reserved;
    }

    private void add(String body, boolean urgent) {
        this.queue.add(outbound(body, urgent, false));
    }

    private List<String> drain() {
        List<String> bodies = new ArrayList<>();
        OutboundMessage message;
        while ((message = this.queue.poll()) != null) {
            bodies.add(message.message().bodyAsString());
        }
        return bodies;
    }

    private static OutboundMessage outbound(String body, boolean urgent, boolean holdsPermit) {
        CupMessage.Builder builder = CupMessage.builder().to(PeerAddress.of("127.0.0.1", 1)).type(7).body(body);
        if (urgent) {
            builder.urgent();
        }
        return new OutboundMessage(builder.build(), new CompletableFuture<>(), null, holdsPermit, 0);
    }

}
