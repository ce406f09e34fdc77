package io.cupnet.options;

import java.time.Duration;

import static io.cupnet.options.InvalidOptionException.check;

/**
 * Heartbeats on idle outbound connections, off by default.
 *
 * <p>The {@code heartbeat} group of {@link CupnetOptions}, set with
 * {@link CupnetOptions.Builder#heartbeat(java.util.function.Consumer)}; the Spring Boot starter binds it from
 * {@code cupnet.heartbeat.*}.
 */
public final class HeartbeatOptions {

    private final Duration interval;

    private final int misses;

    private HeartbeatOptions(Builder builder) {
        this.interval = builder.interval;
        this.misses = builder.misses;
    }

    /**
     * Sends a heartbeat on an idle outbound connection once per interval; default {@link Duration#ZERO} for none,
     * never negative.
     */
    public Duration interval() {
        return this.interval;
    }

    /** Heartbeat intervals with no frame from the peer after which its connection closes; default 3, at least 1. */
    public int misses() {
        return this.misses;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link HeartbeatOptions}; {@link CupnetOptions.Builder#build()} validates it. */
    public static final class Builder {

        private Duration interval = Duration.ZERO;

        private int misses = 3;

        Builder() {
        }

        private Builder(HeartbeatOptions options) {
            this.interval = options.interval;
            this.misses = options.misses;
        }

        /**
         * Sends a heartbeat on an idle outbound connection once per interval; default {@link Duration#ZERO} for
         * none, never negative.
         */
        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        /**
         * Heartbeat intervals with no frame from the peer after which its connection closes; default 3, at least 1.
         */
        public Builder misses(int misses) {
            this.misses = misses;
            return this;
        }

        HeartbeatOptions build() {
            check(this.interval != null && !this.interval.isNegative(), "heartbeat.interval",
                    this.interval, "a positive duration, or zero for no heartbeats");
            check(this.misses >= 1, "heartbeat.misses", this.misses, "at least 1");
            return new HeartbeatOptions(this);
        }

    }

}
