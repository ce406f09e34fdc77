package io.cupnet.options;

import java.time.Duration;

import io.cupnet.AckMode;
import io.cupnet.internal.ack.DedupWindow;
import io.netty.util.Timer;

import static io.cupnet.options.InvalidOptionException.check;
import static io.cupnet.options.OptionChecks.positive;
import static io.cupnet.options.OptionChecks.require;

/**
 * Need-ack delivery: resends and their timeout, when this node acks, the dedup window, and how many acks
 * may be pending.
 *
 * <p>The {@code ack} group of {@link CupnetOptions}, set with
 * {@link CupnetOptions.Builder#ack(java.util.function.Consumer)}; the Spring Boot starter binds it from
 * {@code cupnet.ack.*}.
 */
public final class AckOptions {

    private final Duration retryInterval;

    private final Duration timeout;

    private final AckMode mode;

    private final int dedupWindow;

    private final int maxPending;

    private final int maxPendingPerPeer;

    private final int maxQueuedPerPeer;

    private final Timer timer;

    private AckOptions(Builder builder) {
        this.timer = builder.timer;
        this.retryInterval = builder.retryInterval;
        this.timeout = builder.timeout;
        this.mode = builder.mode;
        this.dedupWindow = builder.dedupWindow;
        this.maxPending = builder.maxPending;
        this.maxPendingPerPeer = builder.maxPendingPerPeer;
        this.maxQueuedPerPeer = builder.maxQueuedPerPeer;
    }

    /** Time between two writes of an un-acked need-ack frame; default 1 s, a positive duration. */
    public Duration retryInterval() {
        return this.retryInterval;
    }

    /** Time after the first write when an un-acked need-ack message fails; default 30 s, a positive duration. */
    public Duration timeout() {
        return this.timeout;
    }

    /** When this node acknowledges a received need-ack frame; default {@link AckMode#AFTER_SUCCESS}, not null. */
    public AckMode mode() {
        return this.mode;
    }

    /**
     * Received need-ack frames remembered to recognise resent copies; default 16,384, between 1 and {@link
     * DedupWindow#MAX_CAPACITY}. Each takes about 16 bytes up front and 40 once remembered.
     */
    public int dedupWindow() {
        return this.dedupWindow;
    }

    /**
     * Need-ack messages waiting for their ack, all peers together, before more sends fail at once; default 100,000,
     * at least 1.
     */
    public int maxPending() {
        return this.maxPending;
    }

    /**
     * Need-ack messages waiting for their ack from one peer before more sends to it fail at once; default 20,000,
     * at least 1.
     */
    public int maxPendingPerPeer() {
        return this.maxPendingPerPeer;
    }

    /**
     * Maximum acks of received frames waiting to be written to one peer, each 65 bytes on the wire and holding only
     * addresses and a uniq id; default 20,000, at least 1. Past it the oldest are dropped and counted: their senders
     * resend, and the dedup window acks the copy without handling it twice.
     */
    public int maxQueuedPerPeer() {
        return this.maxQueuedPerPeer;
    }

    /**
     * The timer that resends need-ack frames and times them out; default {@code null} for a timer owned by the
     * message center (a {@code HashedWheelTimer} with a 10 ms tick). A supplied timer is never stopped by the center,
     * so it outlives a stopped center and can serve the next one; its tick bounds how late a resend or a timeout
     * fires.
     */
    public Timer timer() {
        return this.timer;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link AckOptions}; {@link CupnetOptions.Builder#build()} validates it. */
    public static final class Builder {

        private Duration retryInterval = Duration.ofSeconds(1);

        private Duration timeout = Duration.ofSeconds(30);

        private AckMode mode = AckMode.AFTER_SUCCESS;

        private int dedupWindow = 16_384;

        private int maxPending = 100_000;

        private int maxPendingPerPeer = 20_000;

        private int maxQueuedPerPeer = 20_000;

        private Timer timer;

        Builder() {
        }

        private Builder(AckOptions options) {
            this.retryInterval = options.retryInterval;
            this.timeout = options.timeout;
            this.mode = options.mode;
            this.dedupWindow = options.dedupWindow;
            this.maxPending = options.maxPending;
            this.maxPendingPerPeer = options.maxPendingPerPeer;
            this.maxQueuedPerPeer = options.maxQueuedPerPeer;
            this.timer = options.timer;
        }

        /** Time between two writes of an un-acked need-ack frame; default 1 s, a positive duration. */
        public Builder retryInterval(Duration retryInterval) {
            this.retryInterval = retryInterval;
            return this;
        }

        /**
         * Time after the first write when an un-acked need-ack message fails; default 30 s, a positive duration.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * When this node acknowledges a received need-ack frame; default {@link AckMode#AFTER_SUCCESS}, not null.
         */
        public Builder mode(AckMode mode) {
            this.mode = mode;
            return this;
        }

        /**
         * Received need-ack frames remembered to recognise resent copies; default 16,384, between 1 and {@link
         * DedupWindow#MAX_CAPACITY}. Each takes about 16 bytes up front and 40 once remembered.
         */
        public Builder dedupWindow(int dedupWindow) {
            this.dedupWindow = dedupWindow;
            return this;
        }

        /**
         * Need-ack messages waiting for their ack, all peers together, before more sends fail at once; default
         * 100,000, at least 1.
         */
        public Builder maxPending(int maxPending) {
            this.maxPending = maxPending;
            return this;
        }

        /**
         * Need-ack messages waiting for their ack from one peer before more sends to it fail at once; default
         * 20,000, at least 1.
         */
        public Builder maxPendingPerPeer(int maxPendingPerPeer) {
            this.maxPendingPerPeer = maxPendingPerPeer;
            return this;
        }

        /**
         * Maximum acks of received frames waiting to be written to one peer, each 65 bytes on the wire and holding only
         * addresses and a uniq id; default 20,000, at least 1. Past it the oldest are dropped and counted: their
         * senders resend, and the dedup window acks the copy without handling it twice.
         */
        public Builder maxQueuedPerPeer(int maxQueuedPerPeer) {
            this.maxQueuedPerPeer = maxQueuedPerPeer;
            return this;
        }

        /**
         * The timer that resends need-ack frames and times them out; default {@code null} for a timer owned by
         * the message center (a {@code HashedWheelTimer} with a 10 ms tick). A supplied timer is never stopped by
         * the center, so it outlives a stopped center and can serve the next one; its tick bounds how late a resend
         * or a timeout fires.
         */
        public Builder timer(Timer timer) {
            this.timer = timer;
            return this;
        }

        AckOptions build() {
            positive("ack.retryInterval", this.retryInterval);
            positive("ack.timeout", this.timeout);
            require("ack.mode", this.mode);
            check(this.dedupWindow > 0 && this.dedupWindow <= DedupWindow.MAX_CAPACITY, "ack.dedupWindow",
                    this.dedupWindow, "between 1 and " + DedupWindow.MAX_CAPACITY);
            check(this.maxPending > 0, "ack.maxPending", this.maxPending, "at least 1");
            check(this.maxPendingPerPeer > 0, "ack.maxPendingPerPeer", this.maxPendingPerPeer, "at least 1");
            check(this.maxQueuedPerPeer > 0, "ack.maxQueuedPerPeer", this.maxQueuedPerPeer, "at least 1");
            return new AckOptions(this);
        }

    }

}
