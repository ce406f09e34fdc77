package io.cupnet.options;

import static io.cupnet.options.InvalidOptionException.check;

/**
 * The receive queue's watermarks, in frames and in bytes, between which reading from sockets pauses and resumes.
 *
 * <p>Reading pauses when the queue passes either high watermark and resumes once it is at or below both low
 * watermarks. The bytes of a frame are its length as its {@code len} field gives it: header and body.
 *
 * <p>The {@code receive} group of {@link CupnetOptions}, set with
 * {@link CupnetOptions.Builder#receive(java.util.function.Consumer)}; the Spring Boot starter binds it from
 * {@code cupnet.receive.*}.
 */
public final class ReceiveOptions {

    private final int highWatermark;

    private final int lowWatermark;

    private final long highWatermarkBytes;

    private final long lowWatermarkBytes;

    private ReceiveOptions(Builder builder) {
        this.highWatermark = builder.highWatermark;
        this.lowWatermark = builder.lowWatermark;
        this.highWatermarkBytes = builder.highWatermarkBytes;
        this.lowWatermarkBytes = builder.lowWatermarkBytes;
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

    /**
     * Bytes of the frames in the receive queue at which reading from every socket pauses; default 64 MiB, above
     * the low watermark in bytes. Unused with {@link io.cupnet.DispatchMode#IO_THREAD}.
     */
    public long highWatermarkBytes() {
        return this.highWatermarkBytes;
    }

    /**
     * Bytes of the frames in the receive queue at or below which paused reading may resume; default 32 MiB, 0 or
     * more and below the high watermark in bytes.
     */
    public long lowWatermarkBytes() {
        return this.lowWatermarkBytes;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link ReceiveOptions}; {@link CupnetOptions.Builder#build()} validates it. */
    public static final class Builder {

        private int highWatermark = 10_000;

        private int lowWatermark = 5_000;

        private long highWatermarkBytes = 64L * 1024 * 1024;

        private long lowWatermarkBytes = 32L * 1024 * 1024;

        Builder() {
        }

        private Builder(ReceiveOptions options) {
            this.highWatermark = options.highWatermark;
            this.lowWatermark = options.lowWatermark;
            this.highWatermarkBytes = options.highWatermarkBytes;
            this.lowWatermarkBytes = options.lowWatermarkBytes;
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

        /**
         * Bytes of the frames in the receive queue at which reading from every socket pauses; default 64 MiB,
         * above the low watermark in bytes. Unused with {@link io.cupnet.DispatchMode#IO_THREAD}.
         */
        public Builder highWatermarkBytes(long highWatermarkBytes) {
            this.highWatermarkBytes = highWatermarkBytes;
            return this;
        }

        /**
         * Bytes of the frames in the receive queue at or below which paused reading may resume; default 32 MiB,
         * 0 or more and below the high watermark in bytes.
         */
        public Builder lowWatermarkBytes(long lowWatermarkBytes) {
            this.lowWatermarkBytes = lowWatermarkBytes;
            return this;
        }

        ReceiveOptions build() {
            check(this.highWatermark > 0, "receive.highWatermark", this.highWatermark, "at least 1");
            check(this.lowWatermark >= 0 && this.lowWatermark < this.highWatermark, "receive.lowWatermark",
                    this.lowWatermark, "0 or more and below receive.highWatermark (" + this.highWatermark + ")");
            check(this.highWatermarkBytes > 0, "receive.highWatermarkBytes", this.highWatermarkBytes, "at least 1");
            check(this.lowWatermarkBytes >= 0 && this.lowWatermarkBytes < this.highWatermarkBytes,
                    "receive.lowWatermarkBytes", this.lowWatermarkBytes,
                    "0 or more and below receive.highWatermarkBytes (" + this.highWatermarkBytes + ")");
            return new ReceiveOptions(this);
        }

    }

}
