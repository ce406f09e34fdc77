package io.cupnet.options;

import java.time.Duration;

import io.cupnet.OverflowPolicy;

import static io.cupnet.options.InvalidOptionException.check;
import static io.cupnet.options.OptionChecks.positive;
import static io.cupnet.options.OptionChecks.require;

/**
 * The send path: each peer's queue, what a send does when it is full, and how long a message may wait for its peer.
 *
 * <p>The {@code send} group of {@link CupnetOptions}, set with
 * {@link CupnetOptions.Builder#send(java.util.function.Consumer)}; the Spring Boot starter binds it from
 * {@code cupnet.send.*}.
 */
public final class SendOptions {

    private final int queueCapacity;

    private final OverflowPolicy overflowPolicy;

    private final Duration overflowWait;

    private final Duration deliveryTimeout;

    private SendOptions(Builder builder) {
        this.queueCapacity = builder.queueCapacity;
        this.overflowPolicy = builder.overflowPolicy;
        this.overflowWait = builder.overflowWait;
        this.deliveryTimeout = builder.deliveryTimeout;
    }

    /**
     * Frames queued per peer before a send waits or fails (see {@link Builder#overflowPolicy(OverflowPolicy)});
     * default 200, as CUP; at least 1.
     */
    public int queueCapacity() {
        return this.queueCapacity;
    }

    /** What a send does when the peer's send queue is full; default {@link OverflowPolicy#FAIL}, not null. */
    public OverflowPolicy overflowPolicy() {
        return this.overflowPolicy;
    }

    /** How long {@link OverflowPolicy#WAIT} waits for room in a full queue; default 1 s, a positive duration. */
    public Duration overflowWait() {
        return this.overflowWait;
    }

    /**
     * How long a message may wait for a connection to its peer before it fails with {@code PEER_UNREACHABLE} (a
     * need-ack one only until its first write, then its ack timeout rules); default 30 s, a positive duration.
     */
    public Duration deliveryTimeout() {
        return this.deliveryTimeout;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link SendOptions}; {@link CupnetOptions.Builder#build()} validates it. */
    public static final class Builder {

        private int queueCapacity = 200;

        private OverflowPolicy overflowPolicy = OverflowPolicy.FAIL;

        private Duration overflowWait = Duration.ofSeconds(1);

        private Duration deliveryTimeout = Duration.ofSeconds(30);

        Builder() {
        }

        private Builder(SendOptions options) {
            this.queueCapacity = options.queueCapacity;
            this.overflowPolicy = options.overflowPolicy;
            this.overflowWait = options.overflowWait;
            this.deliveryTimeout = options.deliveryTimeout;
        }

        /**
         * Frames queued per peer before a send waits or fails (see {@link #overflowPolicy(OverflowPolicy)});
         * default 200, as CUP; at least 1.
         */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** What a send does when the peer's send queue is full; default {@link OverflowPolicy#FAIL}, not null. */
        public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
            this.overflowPolicy = overflowPolicy;
            return this;
        }

        /**
         * How long {@link OverflowPolicy#WAIT} waits for room in a full queue; default 1 s, a positive duration.
         */
        public Builder overflowWait(Duration overflowWait) {
            this.overflowWait = overflowWait;
            return this;
        }

        /**
         * How long a message may wait for a connection to its peer before it fails with {@code PEER_UNREACHABLE} (a
         * need-ack one only until its first write, then its ack timeout rules); default 30 s, a positive duration.
         */
        public Builder deliveryTimeout(Duration deliveryTimeout) {
            this.deliveryTimeout = deliveryTimeout;
            return this;
        }

        SendOptions build() {
            check(this.queueCapacity > 0, "send.queueCapacity", this.queueCapacity, "at least 1");
            require("send.overflowPolicy", this.overflowPolicy);
            positive("send.overflowWait", this.overflowWait);
            positive("send.deliveryTimeout", this.deliveryTimeout);
            return new SendOptions(this);
        }

    }

}
