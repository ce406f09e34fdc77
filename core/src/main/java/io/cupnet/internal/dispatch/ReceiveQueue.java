package io.cupnet.internal.dispatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.cupnet.CupMessage;

/**
 * The queue between the I/O threads that decode frames and the handler threads, with
 * an urgent lane served first and FIFO order within each lane.
 *
 * <p>It never rejects a frame for being full: instead it tells its {@link Backpressure}
 * to stop reading from sockets when its size in frames or in bytes reaches a high
 * watermark, and to resume when both have fallen to their low watermarks. It can pass a
 * high watermark only by what the sockets already read when reading paused. The bytes of
 * a frame are its {@link CupMessage#frameLength(boolean) length} without the head: header
 * and body, as its {@code len} field gives it.
 */
public final class ReceiveQueue {

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition notEmpty = this.lock.newCondition();

    private final ArrayDeque<CupMessage> urgent = new ArrayDeque<>();

    private final ArrayDeque<CupMessage> normal = new ArrayDeque<>();

    private final int highWatermark;

    private final int lowWatermark;

    private final long highWatermarkBytes;

    private final long lowWatermarkBytes;

    private final Backpressure backpressure;

    private boolean paused;

    private boolean closed;

    private int maxSizeSeen;

    /** The bytes of the frames queued. */
    private long bytes;

    private long maxBytesSeen;

    /**
     * @param highWatermark frames at which reading pauses
     * @param lowWatermark frames at or below which reading may resume
     * @param highWatermarkBytes bytes of queued frames at which reading pauses
     * @param lowWatermarkBytes bytes of queued frames at or below which reading may resume
     */
    public ReceiveQueue(int highWatermark, int lowWatermark, long highWatermarkBytes, long lowWatermarkBytes,
            Backpressure backpressure) {
        if (lowWatermark < 0 || lowWatermark >= highWatermark) {
            throw new IllegalArgumentException("Receive queue watermarks must satisfy 0 <= low < high, were low="
                    + lowWatermark + " high=" + highWatermark);
        }
        if (lowWatermarkBytes < 0 || lowWatermarkBytes >= highWatermarkBytes) {
            throw new IllegalArgumentException("Receive queue watermarks in bytes must satisfy 0 <= low < high, were "
                    + "low=" + lowWatermarkBytes + " high=" + highWatermarkBytes);
        }
        this.highWatermark = highWatermark;
        this.lowWatermark = lowWatermark;
        this.highWatermarkBytes = highWatermarkBytes;
        this.lowWatermarkBytes = lowWatermarkBytes;
        this.backpressure = backpressure;
    }

    /**
     * Adds a frame, to the urgent lane when it carries FLAG_URGENT.
     * @return false when the queue is closed and the frame was not taken
     */
    public boolean offer(CupMessage message) {
        return offerAll(List.of(message));
    }

    /**
     * Adds frames in order under one lock, each to the urgent lane when it carries FLAG_URGENT.
     * @return false when the queue is closed and no frame was taken
     */
    public boolean offerAll(List<CupMessage> messages) {
        this.lock.lock();
        try {
            if (this.closed) {
                return false;
            }
            for (int i = 0; i < messages.size(); i++) {
                CupMessage message = messages.get(i);
                (message.isUrgent() ? this.urgent : this.normal).addLast(message);
                this.bytes += bytesOf(message);
            }
            int size = sizeLocked();
            this.maxSizeSeen = Math.max(this.maxSizeSeen, size);
            this.maxBytesSeen = Math.max(this.maxBytesSeen, this.bytes);
            if (!this.paused && (size >= this.highWatermark || this.bytes >= this.highWatermarkBytes)) {
                this.paused = true;
                this.backpressure.pauseReading();
            }
            if (messages.size() == 1) {
                this.notEmpty.signal();
            }
            else {
                this.notEmpty.signalAll();
            }
            return true;
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Takes the next frame, urgent first, waiting while the queue is empty.
     * @return the frame, or {@code null} once the queue is closed and empty
     */
    public CupMessage take() throws InterruptedException {
        List<CupMessage> one = new ArrayList<>(1);
        return takeBatch(one, 1) ? one.get(0) : null;
    }

    /**
     * Moves up to {@code max} frames into {@code batch}, urgent first, under one lock,
     * waiting while the queue is empty.
     * @return false once the queue is closed and empty
     */
    public boolean takeBatch(List<CupMessage> batch, int max) throws InterruptedException {
        this.lock.lockInterruptibly();
        try {
            while (isEmpty() && !this.closed) {
                this.notEmpty.await();
            }
            for (int i = 0; i < max && !isEmpty(); i++) {
                CupMessage message = (!this.urgent.isEmpty()) ? this.urgent.pollFirst() : this.normal.pollFirst();
                this.bytes -= bytesOf(message);
                batch.add(message);
            }
            if (this.paused && sizeLocked() <= this.lowWatermark && this.bytes <= this.lowWatermarkBytes) {
                this.paused = false;
                this.backpressure.resumeReading();
            }
            return !batch.isEmpty();
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Takes no more frames; {@link #take()} returns what is left, then {@code null}. */
    public void close() {
        this.lock.lock();
        try {
            this.closed = true;
            this.notEmpty.signalAll();
        }
        finally {
            this.lock.unlock();
        }
    }

    public boolean isClosed() {
        this.lock.lock();
        try {
            return this.closed;
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Removes and returns every frame still queued, urgent first. */
    public List<CupMessage> drain() {
        this.lock.lock();
        try {
            List<CupMessage> left = new ArrayList<>(this.urgent);
            left.addAll(this.normal);
            this.urgent.clear();
            this.normal.clear();
            this.bytes = 0;
            return left;
        }
        finally {
            this.lock.unlock();
        }
    }

    public int size() {
        this.lock.lock();
        try {
            return sizeLocked();
        }
        finally {
            this.lock.unlock();
        }
    }

    private int sizeLocked() {
        return this.urgent.size() + this.normal.size();
    }

    /** The bytes of the frames queued: header and body of each. */
    public long bytes() {
        this.lock.lock();
        try {
            return this.bytes;
        }
        finally {
            this.lock.unlock();
        }
    }

    /** The most bytes of frames the queue has held at once. */
    public long maxBytesSeen() {
        this.lock.lock();
        try {
            return this.maxBytesSeen;
        }
        finally {
            this.lock.unlock();
        }
    }

    private static int bytesOf(CupMessage message) {
        return message.frameLength(false);
    }

    /** Number of frames in the urgent lane. */
    public int urgentSize() {
        this.lock.lock();
        try {
            return this.urgent.size();
        }
        finally {
            this.lock.unlock();
        }
    }

    /** The largest size the queue has reached. */
    public int maxSizeSeen() {
        this.lock.lock();
        try {
            return this.maxSizeSeen;
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Whether reading is paused because the queue passed a high watermark. */
    public boolean isPaused() {
        this.lock.lock();
        try {
            return this.paused;
        }
        finally {
            this.lock.unlock();
        }
    }

    public int highWatermark() {
        return this.highWatermark;
    }

    public int lowWatermark() {
        return this.lowWatermark;
    }

    private boolean isEmpty() {
        return this.urgent.isEmpty() && this.normal.isEmpty();
    }

    /** Stops and resumes reading from sockets for the queue; called with the queue's lock held, so it must not block. */
    public interface Backpressure {

        void pauseReading();

        void resumeReading();

    }

}
