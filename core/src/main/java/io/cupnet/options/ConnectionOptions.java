package io.cupnet.options;

import java.time.Duration;

import static io.cupnet.options.InvalidOptionException.check;
import static io.cupnet.options.OptionChecks.positiveOrZero;

/**
 * Timeouts that close a connection (no first frame, or no byte either way), and the bounds on the per-peer state
 * behind connections: how many peers a node keeps and when it forgets an idle one.
 *
 * <p>The {@code connection} group of {@link CupnetOptions}, set with
 * {@link CupnetOptions.Builder#connection(java.util.function.Consumer)}; the Spring Boot starter binds it from
 * {@code cupnet.connection.*}.
 */
public final class ConnectionOptions {

    private final Duration idleTimeout;

    private final Duration firstFrameTimeout;

    private final int maxPeers;

    private final Duration peerIdleTimeout;

    private ConnectionOptions(Builder builder) {
        this.idleTimeout = builder.idleTimeout;
        this.firstFrameTimeout = builder.firstFrameTimeout;
        this.maxPeers = builder.maxPeers;
        this.peerIdleTimeout = builder.peerIdleTimeout;
    }

    /**
     * How long a connection may carry no byte either way before it is closed; a positive duration, or zero to
     * disable. Default zero: idle connections stay open, as in CUP.
     */
    public Duration idleTimeout() {
        return this.idleTimeout;
    }

    /**
     * How long an inbound connection may take to deliver its first complete frame before it is closed; a positive
     * duration, or zero to disable the check. Default 10 s.
     */
    public Duration firstFrameTimeout() {
        return this.firstFrameTimeout;
    }

    /**
     * Maximum peers a node keeps state for (a send queue, an outbound connection): those it sends to and those it acks
     * or answers; default 10,000, at least 1. A send to a new peer beyond it fails with
     * {@link io.cupnet.DeliveryException.Reason#TOO_MANY_PEERS}, and acks to such a peer are dropped (its sender
     * resends).
     */
    public int maxPeers() {
        return this.maxPeers;
    }

    /**
     * How long a peer with nothing queued, no ack pending and no open connection is kept before its state is
     * dropped; a positive duration, or zero to keep peers until shutdown. Default 5 min.
     */
    public Duration peerIdleTimeout() {
        return this.peerIdleTimeout;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link ConnectionOptions}; {@link CupnetOptions.Builder#build()} validates it. */
    public static final class Builder {

        private Duration idleTimeout = Duration.ZERO;

        private Duration firstFrameTimeout = Duration.ofSeconds(10);

        private int maxPeers = 10_000;

        private Duration peerIdleTimeout = Duration.ofMinutes(5);

        Builder() {
        }

        private Builder(ConnectionOptions options) {
            this.idleTimeout = options.idleTimeout;
            this.firstFrameTimeout = options.firstFrameTimeout;
            this.maxPeers = options.maxPeers;
            this.peerIdleTimeout = options.peerIdleTimeout;
        }

        /**
         * How long a connection may carry no byte either way before it is closed; a positive duration, or zero to
         * disable. Default zero: idle connections stay open, as in CUP.
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * How long an inbound connection may take to deliver its first complete frame before it is closed; a
         * positive duration, or zero to disable the check. Default 10 s.
         */
        public Builder firstFrameTimeout(Duration firstFrameTimeout) {
            this.firstFrameTimeout = firstFrameTimeout;
            return this;
        }

        /**
         * Maximum peers a node keeps state for (a send queue, an outbound connection): those it sends to and those it
         * acks or answers; default 10,000, at least 1. A send to a new peer beyond it fails with
         * {@link io.cupnet.DeliveryException.Reason#TOO_MANY_PEERS}, and acks to such a peer are dropped (its sender
         * resends).
         */
        public Builder maxPeers(int maxPeers) {
            this.maxPeers = maxPeers;
            return this;
        }

        /**
         * How long a peer with nothing queued, no ack pending and no open connection is kept before its state is
         * dropped; a positive duration, or zero to keep peers until shutdown. Default 5 min.
         */
        public Builder peerIdleTimeout(Duration peerIdleTimeout) {
            this.peerIdleTimeout = peerIdleTimeout;
            return this;
        }

        ConnectionOptions build() {
            positiveOrZero("connection.idleTimeout", this.idleTimeout);
            positiveOrZero("connection.firstFrameTimeout", this.firstFrameTimeout);
            check(this.maxPeers > 0, "connection.maxPeers", this.maxPeers, "at least 1");
            positiveOrZero("connection.peerIdleTimeout", this.peerIdleTimeout);
            return new ConnectionOptions(this);
        }

    }

}
