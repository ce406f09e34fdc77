package io.cupnet.options;

import java.time.Duration;

import static io.cupnet.options.OptionChecks.positiveOrZero;

/**
 * Timeouts that close a connection: no first frame, or no byte either way.
 *
 * <p>The {@code connection} group of {@link CupnetOptions}, set with
 * {@link CupnetOptions.Builder#connection(java.util.function.Consumer)}; the Spring Boot starter binds it from
 * {@code cupnet.connection.*}.
 */
public final class ConnectionOptions {

    private final Duration idleTimeout;

    private final Duration firstFrameTimeout;

    private ConnectionOptions(Builder builder) {
        this.idleTimeout = builder.idleTimeout;
        this.firstFrameTimeout = builder.firstFrameTimeout;
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

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link ConnectionOptions}; {@link CupnetOptions.Builder#build()} validates it. */
    public static final class Builder {

        private Duration idleTimeout = Duration.ZERO;

        private Duration firstFrameTimeout = Duration.ofSeconds(10);

        Builder() {
        }

        private Builder(ConnectionOptions options) {
            this.idleTimeout = options.idleTimeout;
            this.firstFrameTimeout = options.firstFrameTimeout;
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

        ConnectionOptions build() {
            positiveOrZero("connection.idleTimeout", this.idleTimeout);
            positiveOrZero("connection.firstFrameTimeout", this.firstFrameTimeout);
            return new ConnectionOptions(this);
        }

    }

}
