package io.cupnet.internal.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.cupnet.AckMode;
import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import io.cupnet.DeferredHandling;
import io.cupnet.DispatchMode;
import io.cupnet.MessageHandler;
import io.cupnet.internal.ack.DedupKey;
import io.cupnet.internal.ack.DedupWindow;
import io.cupnet.internal.transport.InFlight;
import io.cupnet.metrics.CupnetStats.Received;
import io.cupnet.metrics.CupnetStats;
import io.cupnet.metrics.TypeRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes decoded frames in on the I/O threads and runs the {@link MessageHandler} for
 * them on handler threads, or on the I/O thread itself with {@link DispatchMode#IO_THREAD},
 * acknowledging need-ack frames as the {@link AckMode} says.
 *
 * <p>Need-ack frames pass a {@link DedupWindow} before their handler runs: a resent copy
 * of a frame already taken in is not handled again, and one already handled is only
 * acknowledged again.
 *
 * <p>A handler may {@linkplain Acknowledgment#defer() defer} a message and return: it is then
 * acknowledged when its handling succeeds on another thread, and a drain waits for it.
 */
public final class MessageDispatcher {

    private static final Logger logger = LoggerFactory.getLogger(MessageDispatcher.class);

    /** The start time of an invocation that is not timed. */
    private static final long NOT_TIMED = Long.MIN_VALUE;

    private static final DedupWindow.State[] NO_STATES = {};

    /** Frames a single worker takes off the queue at once. */
    private static final int BATCH = 64;

    /** How long a worker holds the acks it collected in a batch before it sends them, later handlers still to run. */
    private static final long MAX_ACK_HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ReceiveQueue queue;

    private final MessageHandler handler;

    private final AckMode ackMode;

    private final DedupWindow dedupWindow;

    private final Acker acker;

    private final CupnetStats stats;

    private final int workers;

    /** Whether handlers run on the I/O thread that decoded the frames, without the receive queue. */
    private final boolean onIoThread;

    private final CountDownLatch workersDone;

    /** The messages whose handlers deferred them and that are not settled yet. */
    private final InFlight deferred = new InFlight();

    /** The {@code listener} tag of the handler's invocations, {@code null} when it records them itself. */
    private final String metricsName;

    public MessageDispatcher(ReceiveQueue queue, MessageHandler handler, AckMode ackMode, DedupWindow dedupWindow,
            Acker acker, CupnetStats stats, int workers) {
        this(queue, handler, ackMode, dedupWindow, acker, stats, workers, DispatchMode.HANDLER_THREADS);
    }

    /**
     * @param workers handler threads taking frames off the queue; none are started with {@link DispatchMode#IO_THREAD}
     * @param mode where the handler runs
     */
    public MessageDispatcher(ReceiveQueue queue, MessageHandler handler, AckMode ackMode, DedupWindow dedupWindow,
            Acker acker, CupnetStats stats, int workers, DispatchMode mode) {
        if (workers < 1) {
            throw new IllegalArgumentException("Handler concurrency must be at least 1, was " + workers);
        }
        this.queue = queue;
        this.handler = handler;
        this.ackMode = ackMode;
        this.dedupWindow = dedupWindow;
        this.acker = acker;
        this.stats = stats;
        this.onIoThread = mode == DispatchMode.IO_THREAD;
        this.workers = this.onIoThread ? 0 : workers;
        this.workersDone = new CountDownLatch(this.workers);
        this.metricsName = handler.metricsName();
    }

    /** Starts the handler loops on the given executor, one task per worker. */
    public void start(Executor executor) {
        for (int i = 0; i < this.workers; i++) {
            executor.execute(this::runWorker);
        }
    }

    /**
     * Takes the decoded frames of one read in; called on an I/O thread, never blocks.
     * @return how many frames were not taken because the dispatcher is draining
     */
    public int accept(List<CupMessage> frames) {
        boolean taken = this.onIoThread ? !this.queue.isClosed() : this.queue.offerAll(frames);
        if (!taken) {
            // Draining: every frame handled so far already had its ack queued, so a copy needs none.
            count(frames, Received.DROPPED);
            return frames.size();
        }
        if (this.onIoThread) {
            handle(frames);
        }
        return 0;
    }

    private void count(List<CupMessage> frames, Received result) {
        for (int i = 0; i < frames.size(); i++) {
            this.stats.messageReceived(frames.get(i).type(), result);
        }
    }

    /**
     * Runs the handler for the new frames of a batch. Need-ack frames pass the dedup window
     * first, here rather than on the I/O thread, so that event loops never share its lock
     * with handler threads: a resent copy of a frame in progress is dropped, and one of a
     * frame already handled is only acked again.
     */
    private void handleBatch(List<CupMessage> received, Worker worker) {
        List<CupMessage> frames = routable(received);
        List<DedupKey> keys = needAckKeys(frames);
        DedupWindow.State[] states = keys.isEmpty() ? NO_STATES : this.dedupWindow.admitAll(keys);
        countAccepted(frames, states);
        List<CupMessage> handledBefore = null;
        int needAcks = 0;
        for (int i = 0; i < frames.size(); i++) {
            CupMessage frame = frames.get(i);
            DedupKey key = null;
            DedupWindow.State state = DedupWindow.State.NEW;
            if (frame.needsAck()) {
                key = keys.get(needAcks);
                state = states[needAcks++];
            }
            if (state == DedupWindow.State.NEW) {
                dispatch(frame, key, worker);
                if (!this.onIoThread) {
                    // On the I/O thread a batch is one read, and handlers there must not block.
                    worker.sendAcksHeldTooLong();
                }
                continue;
            }
            this.stats.duplicateReceived(frame.type());
            if (state == DedupWindow.State.HANDLED) {
                handledBefore = (handledBefore != null) ? handledBefore : new ArrayList<>();
                handledBefore.add(frame);
            }
        }
        if (handledBefore != null) {
            // Already handled and acked: the ack was lost, so send it again.
            this.acker.acknowledge(handledBefore);
        }
    }

    /**
     * The frames the handler takes; the others are counted unroutable and dropped before the
     * dedup window sees them, so that no ack is sent for them and a resent copy is judged again.
     */
    private List<CupMessage> routable(List<CupMessage> frames) {
        List<CupMessage> routable = frames;
        for (int i = 0; i < frames.size(); i++) {
            CupMessage frame = frames.get(i);
            if (this.handler.handles(frame)) {
                if (routable != frames) {
                    routable.add(frame);
                }
                continue;
            }
            this.stats.messageReceived(frame.type(), Received.UNROUTABLE);
            if (routable == frames) {
                routable = new ArrayList<>(frames.subList(0, i));
            }
        }
        return routable;
    }

    /** Counts the new frames of a batch before any handler runs, once per run of one type. */
    private void countAccepted(List<CupMessage> frames, DedupWindow.State[] needAckStates) {
        TypeRuns accepted = this.stats.receivedRuns(Received.ACCEPTED);
        int needAcks = 0;
        for (int i = 0; i < frames.size(); i++) {
            CupMessage frame = frames.get(i);
            if (!frame.needsAck() || needAckStates[needAcks++] == DedupWindow.State.NEW) {
                accepted.count(frame.type());
            }
        }
        accepted.flush();
    }

    /** The dedup keys of the need-ack frames, in frame order; a frame's acknowledgment marks its key handled. */
    private static List<DedupKey> needAckKeys(List<CupMessage> frames) {
        List<DedupKey> keys = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            CupMessage frame = frames.get(i);
            if (frame.needsAck()) {
                keys.add(DedupKey.of(frame));
            }
        }
        return keys;
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
        count(left, Received.DROPPED);
        return left;
    }

    /**
     * Waits until every message a handler deferred is settled, after {@link #drain(Duration)}.
     * @return whether none is left; otherwise the ones left are logged
     */
    public boolean awaitDeferred(Duration timeout) throws InterruptedException {
        if (this.deferred.awaitZero(System.nanoTime() + timeout.toNanos())) {
            return true;
        }
        logger.warn("{} message(s) that handlers handed on to other threads were still being handled when the "
                + "drain timed out; need-ack ones not acked yet will be resent by their senders",
                this.deferred.count());
        return false;
    }

    /** Stops taking frames in without waiting for the workers. */
    public void close() {
        this.queue.close();
    }

    private void runWorker() {
        Worker worker = new Worker();
        List<CupMessage> batch = new ArrayList<>(BATCH);
        try {
            while (this.queue.takeBatch(batch, batchSize())) {
                handleBatch(batch, worker);
                batch.clear();
                worker.sendAcks();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            worker.finish();
            this.workersDone.countDown();
        }
    }

    /** Runs the handler for the frames of one read on the I/O thread, then sends the acks they gave. */
    private void handle(List<CupMessage> frames) {
        Worker worker = new Worker();
        try {
            handleBatch(frames, worker);
        }
        finally {
            worker.finish();
        }
    }

    /** One frame at a time with several workers, so that one worker does not hold frames another could handle. */
    private int batchSize() {
        return (this.workers == 1) ? BATCH : 1;
    }

    /** Runs the handler for one frame; {@code key} is its dedup key when it needs an ack, otherwise {@code null}. */
    private void dispatch(CupMessage message, DedupKey key, Worker worker) {
        // A frame that needs no ack gets the worker as its handle, which only tracks a deferral.
        Acknowledgment acknowledgment = (key != null) ? new FrameAcknowledgment(message, key, worker) : worker;
        worker.deferredNoAck = null;
        if (this.ackMode == AckMode.ON_RECEIPT) {
            acknowledgment.acknowledge();
            worker.sendAcks();
        }
        long start = isTimed() ? System.nanoTime() : NOT_TIMED;
        boolean returned = false;
        try {
            this.handler.onMessage(message, acknowledgment);
            returned = true;
            recordInvocation(start, true);
            if (this.ackMode == AckMode.AFTER_SUCCESS && !isDeferred(acknowledgment)) {
                acknowledgment.acknowledge();
            }
        }
        catch (Throwable ex) {
            if (!returned) {
                recordInvocation(start, false);
            }
            onHandlerFailure(message, acknowledgment, ex);
            failDeferral(acknowledgment, worker);
        }
    }

    private static boolean isDeferred(Acknowledgment acknowledgment) {
        return acknowledgment instanceof FrameAcknowledgment frame && frame.deferral != null;
    }

    /** A handler that threw after deferring its message gave it up: the deferral is settled as failed. */
    private static void failDeferral(Acknowledgment acknowledgment, Worker worker) {
        if (acknowledgment instanceof FrameAcknowledgment frame && frame.deferral != null) {
            frame.deferral.failed();
        }
        else if (worker.deferredNoAck != null) {
            worker.deferredNoAck.failed();
        }
    }

    /** Whether invocations are timed: the handler does not report them itself and somebody takes the timings. */
    private boolean isTimed() {
        return this.metricsName != null && this.stats.isTimed();
    }

    private void recordInvocation(long startNanos, boolean success) {
        if (startNanos != NOT_TIMED) {
            this.stats.listenerInvoked(this.metricsName, success, System.nanoTime() - startNanos);
        }
    }

    private void onHandlerFailure(CupMessage message, Acknowledgment acknowledgment, Throwable ex) {
        this.stats.handlerFailures().increment();
        if (acknowledgment instanceof FrameAcknowledgment frame) {
            frame.giveUp();
        }
        logger.warn("Handler failed for message {} (type {}, flags {}) from {}{}", message.uniqId(), message.type(),
                message.flags(), message.from(),
                (message.needsAck() && !acknowledgment.isAcknowledged()) ? "; not acked, the sender will resend it" : "",
                ex);
    }

    /** Sends the ack frames that answer received need-ack frames. */
    @FunctionalInterface
    public interface Acker {

        /** Sends one ack per frame, in order; the list is the caller's and is not kept. */
        void acknowledge(List<CupMessage> received);

    }

    /**
     * A handler loop's thread and the acks it collected: acks given on that thread are sent
     * together after its batch, so that a batch asks the event loop once to write them, or
     * earlier once the first of them waited {@link #MAX_ACK_HOLD_NANOS}, so that slow handlers
     * later in the batch do not hold them back (nor make their senders resend).
     */
    private final class Worker implements Acknowledgment {

        private final Thread thread = Thread.currentThread();

        /** The deferral of the no-ack frame being dispatched, if its handler deferred it. */
        Deferral deferredNoAck;

        private final List<CupMessage> acks = new ArrayList<>();

        private boolean finished;

        /** When the first of {@link #acks} was collected. */
        private long heldSince;

        /** Whether an ack given now on the calling thread can wait for the end of this worker's batch. */
        boolean collects() {
            return !this.finished && Thread.currentThread() == this.thread;
        }

        /** Sends the acks collected; acks given later are sent at once. */
        void finish() {
            sendAcks();
            this.finished = true;
        }

        /** Holds the ack of a frame handled on this worker's thread until its batch ends or it waited too long. */
        void collect(CupMessage message) {
            if (this.acks.isEmpty()) {
                this.heldSince = System.nanoTime();
            }
            this.acks.add(message);
        }

        /** Sends the collected acks if the first of them has waited long enough. */
        void sendAcksHeldTooLong() {
            if (!this.acks.isEmpty() && System.nanoTime() - this.heldSince >= MAX_ACK_HOLD_NANOS) {
                sendAcks();
            }
        }

        /** A frame that needs no ack has nothing to acknowledge. */
        @Override
        public void acknowledge() {
        }

        @Override
        public void reject() {
        }

        @Override
        public boolean isAcknowledged() {
            return true;
        }

        /** Tracks the deferred no-ack frame, so that a drain waits for it. */
        @Override
        public DeferredHandling defer() {
            this.deferredNoAck = new Deferral(null);
            return this.deferredNoAck;
        }

        /** Sends the collected acks; their frames were marked handled in the dedup window when acknowledged. */
        void sendAcks() {
            if (this.acks.isEmpty()) {
                return;
            }
            MessageDispatcher.this.acker.acknowledge(this.acks);
            this.acks.clear();
        }

    }

    /** The handle of a need-ack frame: it is settled once, acknowledged or given up. */
    private final class FrameAcknowledgment implements Acknowledgment {

        private static final AtomicIntegerFieldUpdater<FrameAcknowledgment> STATE = AtomicIntegerFieldUpdater
            .newUpdater(FrameAcknowledgment.class, "state");

        private static final int PENDING = 0;

        private static final int ACKNOWLEDGED = 1;

        private static final int GIVEN_UP = 2;

        private final CupMessage message;

        private final DedupKey key;

        private final Worker worker;

        /** Set on the handler thread when its handler deferred the frame. */
        Deferral deferral;

        /** Settled through {@link #STATE}: a field rather than an atomic object, one allocation less per frame. */
        private volatile int state = PENDING;

        FrameAcknowledgment(CupMessage message, DedupKey key, Worker worker) {
            this.message = message;
            this.key = key;
            this.worker = worker;
        }

        @Override
        public void acknowledge() {
            if (!STATE.compareAndSet(this, PENDING, ACKNOWLEDGED)) {
                return;
            }
            // Marked before the ack leaves, so that a copy that arrives after it is acked again.
            MessageDispatcher.this.dedupWindow.markHandled(this.key);
            if (this.worker.collects()) {
                this.worker.collect(this.message);
            }
            else {
                MessageDispatcher.this.acker.acknowledge(List.of(this.message));
            }
        }

        @Override
        public void reject() {
            if (giveUp()) {
                MessageDispatcher.this.stats.acksRejected().increment();
                logger.debug("Message {} (type {}) from {} rejected: not acked, its next copy will be handled",
                        this.message.uniqId(), this.message.type(), this.message.from());
            }
        }

        /**
         * Settles the frame without an ack and forgets it in the dedup window, unless it was settled
         * before: forgetting it twice could drop the entry of a copy admitted in between.
         * @return whether the frame was still pending
         */
        boolean giveUp() {
            if (!STATE.compareAndSet(this, PENDING, GIVEN_UP)) {
                return false;
            }
            MessageDispatcher.this.dedupWindow.forget(this.key);
            return true;
        }

        @Override
        public boolean isAcknowledged() {
            return this.state == ACKNOWLEDGED;
        }

        @Override
        public DeferredHandling defer() {
            if (this.deferral == null) {
                this.deferral = new Deferral(this);
            }
            return this.deferral;
        }

    }

    /** A deferred message's handling, counted until it is settled. */
    private final class Deferral implements DeferredHandling {

        /** The frame's handle, {@code null} for a frame that needs no ack. */
        private final FrameAcknowledgment frame;

        private final AtomicBoolean settled = new AtomicBoolean();

        Deferral(FrameAcknowledgment frame) {
            this.frame = frame;
            MessageDispatcher.this.deferred.add(1);
        }

        @Override
        public void succeeded() {
            if (!this.settled.compareAndSet(false, true)) {
                return;
            }
            if (this.frame != null && MessageDispatcher.this.ackMode == AckMode.AFTER_SUCCESS) {
                // Before the count drops, so that a drain that saw zero also waits for this ack's write.
                this.frame.acknowledge();
            }
            MessageDispatcher.this.deferred.finish(1);
        }

        @Override
        public void failed() {
            if (!this.settled.compareAndSet(false, true)) {
                return;
            }
            if (this.frame != null) {
                this.frame.giveUp();
            }
            MessageDispatcher.this.deferred.finish(1);
        }

    }

}
