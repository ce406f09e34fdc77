package io.cupnet.options;

import java.time.Duration;

import static io.cupnet.options.OptionChecks.positive;
import static io.cupnet.options.OptionChecks.require;

/**
 * Outbound connection attempts: how long one may take and the delays between them.
 *
 * <p>The {@code connect} group of {@link CupnetOptions}, set with
 * {@link CupnetOptions.Builder#connect(java.util.function.Consumer)}; the Spring Boot starter binds it from
 * {@code cupnet.connect.*}.
 */
public final class ConnectOptions {

    private final Duration timeout;

    private final Backoff backoff;

    private ConnectOptions(Builder builder) {
        this.timeout = builder.timeout;
        this.backoff = builder.backoff;
    }

    /** How long one attempt to connect to a peer may take; default 3 s, a positive duration. */
    public Duration timeout() {
        return this.timeout;
    }

    /**
     * Delays between attempts to (re)connect to a peer; default 100 ms doubling up to 10 s with 20 % jitter ({@link
     * Backoff#defaults()}), not null.
     */
    public Backoff backoff() {
        return this.backoff;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link ConnectOptions}; {@link CupnetOptions.Builder#build()} validates it. */
    public static final class Builder {

        private Duration timeout = Duration.ofSeconds(3);

        private Backoff backoff = Backoff.defaults();

        Builder() {
        }

        private Builder(ConnectOptions options) {
            this.timeout = options.timeout;
            this.backoff = options.backoff;
        }

        /** How long one attempt to connect to a peer may take; default 3 s, a positive duration. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Delays between attempts to (re)connect to a peer; default 100 ms doubling up to 10 s with 20 % jitter
         * ({@link Backoff#defaults()}), not null.
         */
        public Builder backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        ConnectOptions build() {
            positive("connect.timeout", this.timeout);
            require("connect.backoff", this.backoff);
            return new ConnectOptions(this);
        }

    }

}
