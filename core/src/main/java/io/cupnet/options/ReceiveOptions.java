package io.cupnet.options;

import static io.cupnet.options.InvalidOptionException.check;

/**
 * The receive queue's watermarks, between which reading from sockets pauses and resumes.
 *
 * <p>The {@code receive} group of {@link CupnetOptions}, set with
 * {@link CupnetOptions.Builder#receive(java.util.function.Consumer)}; the Spring Boot starter binds it from
 * {@code cupnet.receive.*}.
 */
public final class ReceiveOptions {

    private final int highWatermark;

    private final int lowWatermark;

    private ReceiveOptions(Builder builder) {
        this.highWatermark = builder.highWatermark;
        this.lowWatermark = builder.lowWatermark;
    }

    /**
     * Receive queue size at which reading from every socket pauses; default 10,000, above the low watermark. Unused
     * with {@link io.cupnet.DispatchMode#IO_THREAD}.
     */
    public int highWatermark() {
        return this.highWatermark;
    }

    /**
     * Receive queue size at which paused reading resumes; default 5,000, 0 or more and below the high watermark.
     */
    public int lowWatermark() {
        return this.lowWatermark;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link ReceiveOptions}; {@link CupnetOptions.Builder#build()} validates it. */
    public static final class Builder {

        private int highWatermark = 10_000;

        private int lowWatermark = 5_000;

        Builder() {
        }

        private Builder(ReceiveOptions options) {
            this.highWatermark = options.highWatermark;
            this.lowWatermark = options.lowWatermark;
        }

        /**
         * Receive queue size at which reading from every socket pauses; default 10,000, above the low watermark.
         * Unused with {@link io.cupnet.DispatchMode#IO_THREAD}.
         */
        public Builder highWatermark(int highWatermark) {
            this.highWatermark = highWatermark;
            return this;
        }

        /**
         * Receive queue size at which paused reading resumes; default 5,000, 0 or more and below the high
         * watermark.
         */
        public Builder lowWatermark(int lowWatermark) {
            this.lowWatermark = lowWatermark;
            return this;
        }

        ReceiveOptions build() {
            check(this.highWatermark > 0, "receive.highWatermark", this.highWatermark, "at least 1");
            check(this.lowWatermark >= 0 && this.lowWatermark < this.highWatermark, "receive.lowWatermark",
                    this.lowWatermark, "0 or more and below receive.highWatermark (" + this.highWatermark + ")");
            return new ReceiveOptions(this);
        }

    }

}
