package io.cupnet.internal.transport;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryException;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.internal.ack.PendingAck;
import io.cupnet.internal.wire.CupFrameDecoder;
import io.cupnet.internal.wire.CupFrameEncoder;
import io.cupnet.metrics.CupnetStats;
import io.cupnet.options.Backoff;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer connection's runs of acks over embedded channels: written from the frames they
 * answer, and kept for the next connection when the write fails because the connection died.
 */
class PeerConnectionAcksTest {

    private static final PeerAddress PEER = PeerAddress.of("127.0.0.1", 7001);

    private static final PeerAddress SELF = PeerAddress.of("127.0.0.1", 7002);

    /** The connection that dies: every write fails as on a closed socket. */
    private final EmbeddedChannel dying = new EmbeddedChannel(new CupFrameEncoder(), new FailingWrites());

    private final EmbeddedChannel next = new EmbeddedChannel(new CupFrameEncoder());

    private final Deque<EmbeddedChannel> connections = new ArrayDeque<>(List.of(this.dying, this.next));

    private final AtomicInteger settled = new AtomicInteger();

    private final CupnetStats stats = new CupnetStats();

    private final PeerConnection peer = new PeerConnection(PEER, this.dying.eventLoop(), 10, new Connections(),
            new Counting(), this.stats, null, 4);

    @AfterEach
    void finishChannels() {
        this.dying.finishAndReleaseAll();
        assertThat(this.next.finishAndReleaseAll()).isFalse();
    }

    @Test
    void acksWhoseWriteFailedAreWrittenOnTheNextConnection() {
        List<CupMessage> received = List.of(needAck(1), needAck(2), needAck(3));
        this.peer.enqueueAcks(OutboundAcks.of(received, Long.MAX_VALUE));

        runTasks();
        assertThat(this.settled).hasValue(0);
        this.dying.close();
        runTasks();

        assertThat(writtenAcks()).containsExactlyElementsOf(received.stream().map(CupMessage::ackFrame).toList());
        assertThat(this.settled).hasValue(3);
        assertThat(this.peer.queue().isEmpty()).isTrue();
    }

    @Test
    void acksStillQueuedAtShutdownAreDroppedAndSettled() {
        this.peer.enqueueAcks(OutboundAcks.of(List.of(needAck(1), needAck(2)), Long.MAX_VALUE));

        int dropped = this.peer.failQueued(DeliveryException.Reason.SHUTDOWN, "shut down");

        assertThat(dropped).isEqualTo(2);
        assertThat(this.settled).hasValue(2);
        assertThat(this.peer.queue().isEmpty()).isTrue();
    }

    @Test
    void pastTheAckLaneBoundTheOldestAcksAreDroppedCountedAndSettled() {
        this.peer.enqueueAcks(OutboundAcks.of(List.of(needAck(1), needAck(2)), Long.MAX_VALUE));
        this.peer.enqueueAcks(OutboundAcks.of(List.of(needAck(3), needAck(4), needAck(5)), Long.MAX_VALUE));
        this.peer.enqueueAcks(OutboundAcks.of(List.of(needAck(6)), Long.MAX_VALUE));

        runTasks();
        this.dying.close();
        runTasks();

        assertThat(writtenAcks()).extracting(CupMessage::uniqId)
            .containsExactly(UniqId.of(3), UniqId.of(4), UniqId.of(5), UniqId.of(6));
        assertThat(this.stats.acksDropped().sum()).isEqualTo(2);
        assertThat(this.settled).hasValue(6);
    }

    /** Runs the drains, the put-back after the close and the reconnect, which all use the first channel's loop. */
    private void runTasks() {
        for (int i = 0; i < 3; i++) {
            this.dying.runPendingTasks();
            this.dying.runScheduledPendingTasks();
        }
    }

    private List<CupMessage> writtenAcks() {
        List<CupMessage> acks = new ArrayList<>();
        for (ByteBuf written = this.next.readOutbound(); written != null; written = this.next.readOutbound()) {
            while (written.isReadable()) {
                acks.add(CupFrameDecoder.decodeFrame(written, acks.isEmpty()));
            }
            written.release();
        }
        return acks;
    }

    private static CupMessage needAck(long uniqId) {
        return CupMessage.builder().from(PEER).to(SELF).type(7).uniqId(UniqId.of(uniqId)).needAck().body("m").build();
    }

    /** Fails every write as a dead connection does, before anything is encoded. */
    private static final class FailingWrites extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            promise.setFailure(new ClosedChannelException());
        }

    }

    /** Hands out the embedded channels in order, as successive connections to the peer. */
    private final class Connections implements PeerConnection.Connector {

        @Override
        public ChannelFuture connect(PeerAddress address, EventLoop loop) {
            return PeerConnectionAcksTest.this.connections.removeFirst().newSucceededFuture();
        }

        @Override
        public Backoff backoff() {
            return new Backoff(Duration.ofNanos(1), Duration.ofNanos(1), 1.0, 0.0);
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public PeerConnection successor(PeerAddress address) {
            throw new IllegalStateException("a peer under test never retires");
        }

    }

    private final class Counting implements Settlements {

        @Override
        public void failPending(PendingAck pending, DeliveryException cause) {
            throw new AssertionError("no need-ack message was sent");
        }

        @Override
        public void acksSettled(int count) {
            PeerConnectionAcksTest.this.settled.addAndGet(count);
        }

    }

}
