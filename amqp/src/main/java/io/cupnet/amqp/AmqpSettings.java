package io.cupnet.amqp;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import io.cupnet.PeerAddress;

/**
 * The settings of a node's broker transport: names, the topic it serves, receive capacity, retries,
 * the send timeout and the ack timeout; built with {@link #builder()}, validated when built.
 */
public final class AmqpSettings {

    private final String prefix;

    private final String topic;

    private final String server;

    private final boolean serverConfigured;

    private final int prefetch;

    private final int concurrency;

    private final int maxAttempts;

    private final Duration retryBackoff;

    private final Duration sendTimeout;

    private final Duration ackTimeout;

    private final int dedupWindow;

    private final PeerAddress localAddress;

    private AmqpSettings(Builder builder) {
        this.prefix = builder.prefix;
        this.topic = builder.topic;
        this.serverConfigured = builder.server != null;
        this.server = this.serverConfigured ? builder.server : UUID.randomUUID().toString().substring(0, 13);
        this.prefetch = builder.prefetch;
        this.concurrency = builder.concurrency;
        this.maxAttempts = builder.maxAttempts;
        this.retryBackoff = builder.retryBackoff;
        this.sendTimeout = builder.sendTimeout;
        this.ackTimeout = builder.ackTimeout;
        this.dedupWindow = builder.dedupWindow;
        this.localAddress = builder.localAddress;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The first word of every exchange and queue name. */
    public String prefix() {
        return this.prefix;
    }

    /** The topic this node serves, or {@code null} when it only sends. */
    public String topic() {
        return this.topic;
    }

    /** This node's server id: the configured one, or a random one made for this instance. */
    public String server() {
        return this.server;
    }

    /** Whether the server id was configured, which makes the server's queue durable. */
    public boolean serverConfigured() {
        return this.serverConfigured;
    }

    /** Maximum number of unacknowledged deliveries the broker sends to each consumer. */
    public int prefetch() {
        return this.prefetch;
    }

    /** The number of consumers, each a handler thread, per queue this node serves. */
    public int concurrency() {
        return this.concurrency;
    }

    /** Maximum number of times a handler is run on one delivery before it is dead-lettered. */
    public int maxAttempts() {
        return this.maxAttempts;
    }

    /** The wait before the second attempt; it doubles for each further attempt. */
    public Duration retryBackoff() {
        return this.retryBackoff;
    }

    /**
     * Maximum time a send waits for the broker to confirm its publish, publishing it again while the broker cannot
     * be reached or the channel closes before the confirm.
     */
    public Duration sendTimeout() {
        return this.sendTimeout;
    }

    /** Maximum time a need-ack send waits for the handling node's ack, from the broker's confirm of its publish. */
    public Duration ackTimeout() {
        return this.ackTimeout;
    }

    /** Maximum number of handled need-ack messages remembered, to ack their redeliveries without handling them. */
    public int dedupWindow() {
        return this.dedupWindow;
    }

    /** The sender address written into the messages this node sends without one. */
    public PeerAddress localAddress() {
        return this.localAddress;
    }

    /** Builds {@link AmqpSettings}; every setter has a default. */
    public static final class Builder {

        private String prefix = "cupnet";

        private String topic;

        private String server;

        private int prefetch = 100;

        private int concurrency = 1;

        private int maxAttempts = 3;

        private Duration retryBackoff = Duration.ofMillis(100);

        private Duration sendTimeout = Duration.ofSeconds(30);

        private Duration ackTimeout = Duration.ofSeconds(30);

        private int dedupWindow = 16_384;

        private PeerAddress localAddress = PeerAddress.NONE;

        private Builder() {
        }

        /** Sets the name prefix, {@code cupnet} by default. */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** Sets the topic this node serves; none by default. */
        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        /** Sets the server id; a random one by default. */
        public Builder server(String server) {
            this.server = server;
            return this;
        }

        /** Sets the prefetch per consumer, 100 by default. */
        public Builder prefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** Sets the consumers per queue, 1 by default. */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /** Sets the attempts per delivery, 3 by default. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Sets the first retry backoff, 100 ms by default. */
        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
            return this;
        }

        /** Sets the time a send waits out a broker that cannot be reached, 30 s by default. */
        public Builder sendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
            return this;
        }

        /** Sets the ack timeout of need-ack sends, 30 s by default. */
        public Builder ackTimeout(Duration ackTimeout) {
            this.ackTimeout = ackTimeout;
            return this;
        }

        /** Sets the number of handled need-ack messages remembered, 16384 by default. */
        public Builder dedupWindow(int dedupWindow) {
            this.dedupWindow = dedupWindow;
            return this;
        }

        /** Sets the sender address of outgoing messages, 0.0.0.0:0 by default. */
        public Builder localAddress(PeerAddress localAddress) {
            this.localAddress = Objects.requireNonNull(localAddress, "localAddress");
            return this;
        }

        /** Validates and builds the settings. */
        public AmqpSettings build() {
            new AmqpNames(this.prefix);
            if (this.topic != null) {
                AmqpNames.requireName("topic", this.topic);
            }
            if (this.server != null) {
                AmqpNames.requireName("server", this.server);
            }
            requireAtLeast("prefetch", this.prefetch, 1);
            requireAtLeast("concurrency", this.concurrency, 1);
            requireAtLeast("maxAttempts", this.maxAttempts, 1);
            requireAtLeast("dedupWindow", this.dedupWindow, 1);
            requirePositive("sendTimeout", this.sendTimeout);
            requirePositive("ackTimeout", this.ackTimeout);
            if (this.retryBackoff == null || this.retryBackoff.isNegative()) {
                throw new IllegalArgumentException("The option amqp.retryBackoff " + this.retryBackoff
                        + " must be zero or more, such as 100ms");
            }
            return new AmqpSettings(this);
        }

        private static void requireAtLeast(String option, int value, int minimum) {
            if (value < minimum) {
                throw new IllegalArgumentException("The option amqp." + option + " " + value + " must be at least "
                        + minimum);
            }
        }

        private static void requirePositive(String option, Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("The option amqp." + option + " " + value
                        + " must be more than zero, such as 30s");
            }
        }

    }

}
