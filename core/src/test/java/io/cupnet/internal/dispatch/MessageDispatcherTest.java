package io.cupnet.internal.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.cupnet.AckMode;
import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import io.cupnet.DeferredHandling;
import io.cupnet.MessageFlags;
import io.cupnet.MessageHandler;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.internal.ack.DedupWindow;
import io.cupnet.metrics.CupnetStats.Received;
import io.cupnet.metrics.CupnetStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Resent need-ack frames on handler threads: the dedup window runs on the handler thread,
 * so a copy is recognised when a worker takes it, whether the first copy is still queued,
 * being handled or already acked.
 */
class MessageDispatcherTest {

    private static final PeerAddress PEER = PeerAddress.of("10.1.2.3", 5000);

    private static final PeerAddress SELF = PeerAddress.of("127.0.0.1", 6000);

    private final ExecutorService workers = Executors.newSingleThreadExecutor();

    private final CupnetStats stats = new CupnetStats();

    private final List<String> handled = new CopyOnWriteArrayList<>();

    private final List<UniqId> acked = new CopyOnWriteArrayList<>();

    private final CountDownLatch releaseHandler = new CountDownLatch(1);

    private final MessageDispatcher dispatcher = new MessageDispatcher(queue(),
            (message, acknowledgment) -> {
                this.releaseHandler.await(10, TimeUnit.SECONDS);
                this.handled.add(message.bodyAsString());
            }, AckMode.AFTER_SUCCESS, new DedupWindow(100), this::acknowledge, this.stats, 1);

    private final List<MessageDispatcher> started = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws InterruptedException {
        this.releaseHandler.countDown();
        for (MessageDispatcher each : this.started) {
            each.drain(Duration.ofSeconds(5));
        }
        this.workers.shutdownNow();
    }

    @Test
    void copyQueuedWithTheFirstIsHandledOnceAndAckedOnce() {
        start(this.dispatcher);

        this.dispatcher.accept(frames(needAck(1, "first"), needAck(1, "copy"), needAck(2, "other")));
        this.releaseHandler.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> this.acked.size() == 2);
        assertThat(this.handled).containsExactly("first", "other");
        assertThat(this.acked).containsExactly(UniqId.of(1), UniqId.of(2));
        assertThat(received(Received.ACCEPTED)).isEqualTo(2);
        assertThat(received(Received.DUPLICATE)).isEqualTo(1);
    }

    @Test
    void copyOfAHandledFrameIsAckedAgainWithoutBeingHandled() {
        start(this.dispatcher);
        this.releaseHandler.countDown();
        this.dispatcher.accept(frames(needAck(1, "first")));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.acked.size() == 1);

        this.dispatcher.accept(frames(needAck(1, "copy")));

        await().atMost(Duration.ofSeconds(10)).until(() -> this.acked.size() == 2);
        assertThat(this.handled).containsExactly("first");
        assertThat(this.stats.dedupHits().sum()).isEqualTo(1);
    }

    @Test
    void acksOfABatchAreSentBeforeALaterHandlerOnceTheyWaitedAMillisecond() throws InterruptedException {
        List<Integer> ackedBeforeLast = new CopyOnWriteArrayList<>();
        MessageDispatcher dispatcher = new MessageDispatcher(queue(),
                (message, acknowledgment) -> {
                    switch (message.bodyAsString()) {
                        case "slow" -> Thread.sleep(5);
                        case "last" -> {
                            // Without the hold limit the two acks before it would wait for this handler to return.
                            await().atMost(Duration.ofSeconds(5)).until(() -> this.acked.size() == 2);
                            ackedBeforeLast.add(this.acked.size());
                        }
                        default -> {
                        }
                    }
                }, AckMode.AFTER_SUCCESS, new DedupWindow(100), this::acknowledge, this.stats, 1);
        dispatcher.accept(frames(needAck(1, "quick"), needAck(2, "slow"), needAck(3, "last")));

        start(dispatcher);

        await().atMost(Duration.ofSeconds(10)).until(() -> this.acked.size() == 3);
        assertThat(ackedBeforeLast).containsExactly(2);
        assertThat(this.acked).containsExactly(UniqId.of(1), UniqId.of(2), UniqId.of(3));
    }

    @Test
    void frameRejectedInManualModeIsNotAckedAndItsCopyIsHandledAgain() {
        List<Acknowledgment> rejected = new CopyOnWriteArrayList<>();
        MessageDispatcher dispatcher = dispatcher(AckMode.MANUAL, (message, acknowledgment) -> {
            String body = message.bodyAsString();
            this.handled.add(body);
            if (body.equals("first")) {
                acknowledgment.reject();
                rejected.add(acknowledgment);
            }
            else {
                acknowledgment.acknowledge();
            }
        });
        start(dispatcher);
        dispatcher.accept(frames(needAck(1, "first")));
        await().atMost(Duration.ofSeconds(10)).until(() -> rejected.size() == 1);
        rejected.get(0).acknowledge();

        // Still in progress for the dedup window without the rejection: the copy would be dropped.
        dispatcher.accept(frames(needAck(1, "copy")));

        await().atMost(Duration.ofSeconds(10)).until(() -> this.acked.size() == 1);
        assertThat(this.handled).containsExactly("first", "copy");
        assertThat(this.acked).containsExactly(UniqId.of(1));
        assertThat(rejected.get(0).isAcknowledged()).isFalse();
        assertThat(this.stats.acksRejected().sum()).isEqualTo(1);
        assertThat(this.stats.dedupHits().sum()).isZero();
    }

    @Test
    void handlerThatRejectsAndReturnsSendsNoAckAfterSuccess() {
        MessageDispatcher dispatcher = dispatcher(AckMode.AFTER_SUCCESS, (message, acknowledgment) -> {
            String body = message.bodyAsString();
            this.handled.add(body);
            if (body.equals("first")) {
                acknowledgment.reject();
            }
        });
        start(dispatcher);

        dispatcher.accept(frames(needAck(1, "first"), needAck(2, "other")));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.acked.size() == 1);
        dispatcher.accept(frames(needAck(1, "copy")));

        await().atMost(Duration.ofSeconds(10)).until(() -> this.acked.size() == 2);
        assertThat(this.handled).containsExactly("first", "other", "copy");
        assertThat(this.acked).containsExactly(UniqId.of(2), UniqId.of(1));
        assertThat(this.stats.acksRejected().sum()).isEqualTo(1);
    }

    @Test
    void framesStillQueuedWhenTheDrainTimesOutAreCountedAsDropped() throws InterruptedException {
        start(this.dispatcher);
        this.dispatcher.accept(frames(needAck(1, "held")));
        await().atMost(Duration.ofSeconds(10)).until(() -> received(Received.ACCEPTED) == 1);
        this.dispatcher.accept(frames(needAck(2, "left")));

        List<CupMessage> left = this.dispatcher.drain(Duration.ofMillis(50));

        assertThat(left).extracting(CupMessage::uniqId).containsExactly(UniqId.of(2));
        assertThat(received(Received.DROPPED)).isEqualTo(1);
        assertThat(this.acked).isEmpty();
    }

    @Test
    void needAckFrameTheHandlerDoesNotTakeIsCountedUnroutableAndNeverAcked() {
        MessageDispatcher dispatcher = dispatcher(AckMode.ON_RECEIPT, new MessageHandler() {

            @Override
            public void onMessage(CupMessage message, Acknowledgment acknowledgment) {
                MessageDispatcherTest.this.handled.add(message.bodyAsString());
            }

            @Override
            public boolean handles(CupMessage message) {
                return !message.bodyAsString().startsWith("nobody");
            }

        });
        start(dispatcher);

        dispatcher.accept(frames(needAck(1, "nobody"), needAck(2, "taken"), needAck(1, "nobody again")));

        await().atMost(Duration.ofSeconds(10)).until(() -> this.acked.size() == 1);
        assertThat(this.handled).containsExactly("taken");
        assertThat(this.acked).containsExactly(UniqId.of(2));
        assertThat(received(Received.UNROUTABLE)).isEqualTo(2);
        assertThat(received(Received.ACCEPTED)).isEqualTo(1);
        assertThat(received(Received.DUPLICATE)).isZero();
    }

    @Test
    void deferredFrameIsAckedWhenItsHandlingSucceedsNotWhenItsHandlerReturns() {
        List<DeferredHandling> deferred = new CopyOnWriteArrayList<>();
        MessageDispatcher dispatcher = dispatcher(AckMode.AFTER_SUCCESS, deferring(deferred));
        start(dispatcher);

        dispatcher.accept(frames(needAck(1, "later"), needAck(2, "now")));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.acked.size() == 1);
        assertThat(this.acked).containsExactly(UniqId.of(2));

        deferred.get(0).succeeded();
        deferred.get(0).failed();

        assertThat(this.acked).containsExactly(UniqId.of(2), UniqId.of(1));
    }

    @Test
    void deferredFrameThatFailsIsNotAckedAndItsCopyIsHandledAgain() {
        List<DeferredHandling> deferred = new CopyOnWriteArrayList<>();
        MessageDispatcher dispatcher = dispatcher(AckMode.AFTER_SUCCESS, deferring(deferred));
        start(dispatcher);
        dispatcher.accept(frames(needAck(1, "later")));
        await().atMost(Duration.ofSeconds(10)).until(() -> deferred.size() == 1);

        deferred.get(0).failed();
        deferred.get(0).succeeded();
        dispatcher.accept(frames(needAck(1, "now")));

        await().atMost(Duration.ofSeconds(10)).until(() -> this.acked.size() == 1);
        assertThat(this.handled).containsExactly("later", "now");
        assertThat(this.acked).containsExactly(UniqId.of(1));
    }

    @Test
    void drainWaitsUntilEveryDeferredMessageIsSettled() throws InterruptedException {
        List<DeferredHandling> deferred = new CopyOnWriteArrayList<>();
        MessageDispatcher dispatcher = dispatcher(AckMode.AFTER_SUCCESS, deferring(deferred));
        start(dispatcher);
        dispatcher.accept(frames(needAck(1, "later"), noAck(2, "later too")));
        await().atMost(Duration.ofSeconds(10)).until(() -> deferred.size() == 2);

        assertThat(dispatcher.drain(Duration.ofSeconds(5))).isEmpty();
        assertThat(dispatcher.awaitDeferred(Duration.ofMillis(20))).isFalse();
        deferred.forEach(DeferredHandling::succeeded);

        assertThat(dispatcher.awaitDeferred(Duration.ofSeconds(5))).isTrue();
        assertThat(this.acked).containsExactly(UniqId.of(1));
    }

    @Test
    void handlerThatThrowsAfterDeferringGivesTheFrameUp() throws InterruptedException {
        List<DeferredHandling> deferred = new CopyOnWriteArrayList<>();
        MessageDispatcher dispatcher = dispatcher(AckMode.AFTER_SUCCESS, (message, acknowledgment) -> {
            deferred.add(acknowledgment.defer());
            throw new IllegalStateException("failing on purpose after deferring");
        });
        start(dispatcher);
        dispatcher.accept(frames(needAck(1, "thrown"), noAck(2, "thrown too")));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.stats.handlerFailures().sum() == 2);

        deferred.forEach(DeferredHandling::succeeded);

        assertThat(dispatcher.awaitDeferred(Duration.ofSeconds(5))).isTrue();
        assertThat(this.acked).isEmpty();
    }

    /** A handler that records the message and defers it. */
    private MessageHandler deferring(List<DeferredHandling> deferred) {
        return (message, acknowledgment) -> {
            this.handled.add(message.bodyAsString());
            if (message.bodyAsString().startsWith("later")) {
                deferred.add(acknowledgment.defer());
            }
        };
    }

    private void start(MessageDispatcher dispatcher) {
        dispatcher.start(this.workers);
        this.started.add(dispatcher);
    }

    private MessageDispatcher dispatcher(AckMode mode, MessageHandler handler) {
        return new MessageDispatcher(queue(), handler, mode,
                new DedupWindow(100), this::acknowledge, this.stats, 1);
    }

    private void acknowledge(List<CupMessage> received) {
        received.forEach((frame) -> this.acked.add(frame.uniqId()));
    }

    private long received(Received result) {
        return this.stats.receivedByType().total(result.ordinal());
    }

    private static List<CupMessage> frames(CupMessage... frames) {
        return new ArrayList<>(List.of(frames));
    }

    private static CupMessage needAck(long id, String body) {
        return CupMessage.builder()
            .flags(MessageFlags.NORMAL | MessageFlags.NEEDACK)
            .from(PEER)
            .to(SELF)
            .type(8)
            .uniqId(UniqId.of(id))
            .body(body)
            .build();
    }

    private static CupMessage noAck(long id, String body) {
        return CupMessage.builder().from(PEER).to(SELF).type(8).uniqId(UniqId.of(id)).body(body).build();
    }

    /** A queue that never pauses reading: nothing reads here. */
    private static ReceiveQueue queue() {
        return new ReceiveQueue(100, 10, Long.MAX_VALUE, Long.MAX_VALUE - 1, new NoBackpressure());
    }

    private static final class NoBackpressure implements ReceiveQueue.Backpressure {

        @Override
        public void pauseReading() {
        }

        @Override
        public void resumeReading() {
        }

    }

}
