package io.cupnet.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cupnet.ack.AckKey;
import io.cupnet.ack.AckMode;
import io.cupnet.ack.DedupWindow;
import io.cupnet.metrics.CupnetStats;
import io.cupnet.wire.CupMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes decoded frames in on the I/O threads and runs the {@link MessageHandler} for
 * them on handler threads, acknowledging need-ack frames as the {@link AckMode} says.
 *
 * <p>Need-ack frames pass a {@link DedupWindow} first: a resent copy of a frame already
 * taken in is not queued again, and one already handled is only acknowledged again.
 */
public final class MessageDispatcher {

    private static final Logger logger = LoggerFactory.getLogger(MessageDispatcher.class);

    /** Frames a single worker takes off the queue at once. */
    private static final int BATCH = 64;

    private final ReceiveQueue queue;

    private final MessageHandler handler;

    private final AckMode ackMode;

    private final DedupWindow dedupWindow;

    private final Acker acker;

    private final CupnetStats stats;

    private final int workers;

    private final CountDownLatch workersDone;

    public MessageDispatcher(ReceiveQueue queue, MessageHandler handler, AckMode ackMode, DedupWindow dedupWindow,
            Acker acker, CupnetStats stats, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("Handler concurrency must be at least 1, was " + workers);
        }
        this.queue = queue;
        this.handler = handler;
        this.ackMode = ackMode;
        this.dedupWindow = dedupWindow;
        this.acker = acker;
        this.stats = stats;
        this.workers = workers;
        this.workersDone = new CountDownLatch(workers);
    }

    /** Starts the handler loops on the given executor, one task per worker. */
    public void start(Executor executor) {
        for (int i = 0; i < this.workers; i++) {
            executor.execute(this::runWorker);
        }
    }

    /**
     * Takes the decoded frames of one read in; called on an I/O thread, never blocks.
     * The list may be reordered.
     * @return how many frames were not taken because the dispatcher is draining
     */
    public int accept(List<CupMessage> frames) {
        if (this.queue.isClosed()) {
            // Draining: every frame handled so far already had its ack queued, so a copy needs none.
            return frames.size();
        }
        int admitted = 0;
        for (int i = 0; i < frames.size(); i++) {
            CupMessage frame = frames.get(i);
            if (admit(frame)) {
                frames.set(admitted++, frame);
            }
        }
        List<CupMessage> queued = frames.subList(0, admitted);
        if (admitted > 0 && !this.queue.offerAll(queued)) {
            queued.forEach(this::forgetIfNeedsAck);
            return admitted;
        }
        return 0;
    }

    /** Whether a frame is to be handled: every plain frame, and need-ack frames the dedup window has not seen. */
    private boolean admit(CupMessage frame) {
        if (!frame.needsAck()) {
            return true;
        }
        switch (this.dedupWindow.admit(AckKey.of(frame.from(), frame.uniqId()))) {
            case NEW -> {
                return true;
            }
            case HANDLED -> {
                this.stats.dedupHits().increment();
                this.acker.acknowledge(frame);
                return false;
            }
            default -> {
                this.stats.dedupHits().increment();
                return false;
            }
        }
    }

    private void forgetIfNeedsAck(CupMessage frame) {
        if (frame.needsAck()) {
            this.dedupWindow.forget(AckKey.of(frame.from(), frame.uniqId()));
        }
    }

    /**
     * Takes no new frames, lets the workers handle what is queued and waits for them to finish.
     * @return the frames that were still queued when the timeout ran out (not handled, not acked)
     */
    public List<CupMessage> drain(Duration timeout) throws InterruptedException {
        this.queue.close();
        if (this.workersDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return List.of();
        }
        List<CupMessage> left = this.queue.drain();
        left.forEach(this::forgetIfNeedsAck);
        return left;
    }

    /** Stops taking frames in without waiting for the workers. */
    public void close() {
        this.queue.close();
    }

    private void runWorker() {
        List<CupMessage> batch = new ArrayList<>(BATCH);
        try {
            while (this.queue.takeBatch(batch, batchSize())) {
                batch.forEach(this::dispatch);
                batch.clear();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            this.workersDone.countDown();
        }
    }

    /** One frame at a time with several workers, so that one worker does not hold frames another could handle. */
    private int batchSize() {
        return (this.workers == 1) ? BATCH : 1;
    }

    private void dispatch(CupMessage message) {
        Acknowledgment acknowledgment = message.needsAck() ? new FrameAcknowledgment(message) : Acknowledgment.NONE;
        if (this.ackMode == AckMode.ON_RECEIPT) {
            acknowledgment.acknowledge();
        }
        try {
            this.handler.onMessage(message, acknowledgment);
            if (this.ackMode == AckMode.AFTER_SUCCESS) {
                acknowledgment.acknowledge();
            }
        }
        catch (Throwable ex) {
            onHandlerFailure(message, acknowledgment, ex);
        }
    }

    private void onHandlerFailure(CupMessage message, Acknowledgment acknowledgment, Throwable ex) {
        this.stats.handlerFailures().increment();
        logger.warn("Handler failed for message {} (type {}, flags {}) from {}{}", message.uniqId(), message.type(),
                message.flags(), message.from(),
                (message.needsAck() && !acknowledgment.isAcknowledged()) ? "; not acked, the sender will resend it" : "",
                ex);
        if (message.needsAck() && !acknowledgment.isAcknowledged()) {
            this.dedupWindow.forget(AckKey.of(message.from(), message.uniqId()));
        }
    }

    /** Sends the ack frame that answers a received need-ack frame. */
    @FunctionalInterface
    public interface Acker {

        void acknowledge(CupMessage received);

    }

    private final class FrameAcknowledgment implements Acknowledgment {

        private final CupMessage message;

        private final AtomicBoolean acknowledged;

        FrameAcknowledgment(CupMessage message) {
            this.message = message;
            this.acknowledged = new AtomicBoolean();
        }

        @Override
        public void acknowledge() {
            if (this.acknowledged.compareAndSet(false, true)) {
                MessageDispatcher.this.dedupWindow.markHandled(AckKey.of(this.message.from(), this.message.uniqId()));
                MessageDispatcher.this.acker.acknowledge(this.message);
            }
        }

        @Override
        public boolean isAcknowledged() {
            return this.acknowledged.get();
        }

    }

}
