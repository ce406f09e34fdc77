package io.cupnet.options;

import io.cupnet.CupMessage;
import io.cupnet.TransportType;
import io.cupnet.internal.wire.CupFrameDecoder;
import io.netty.channel.EventLoopGroup;

import static io.cupnet.options.InvalidOptionException.check;
import static io.cupnet.options.OptionChecks.require;

/**
 * The Netty transport: which one, how many I/O threads, and the largest frame.
 *
 * <p>The {@code transport} group of {@link CupnetOptions}, set with
 * {@link CupnetOptions.Builder#transport(java.util.function.Consumer)}; the Spring Boot starter binds it from
 * {@code cupnet.transport.*}.
 */
public final class TransportOptions {

    private static final int SMALLEST_FRAME = CupMessage.HEAD_LENGTH + CupMessage.HEADER_LENGTH;

    private final TransportType type;

    private final int ioThreads;

    private final int maxFrameSize;

    private final EventLoopGroup eventLoopGroup;

    private TransportOptions(Builder builder) {
        this.type = builder.type;
        this.ioThreads = builder.ioThreads;
        this.maxFrameSize = builder.maxFrameSize;
        this.eventLoopGroup = builder.eventLoopGroup;
    }

    /**
     * Netty transport carrying the sockets; default {@link TransportType#AUTO}: epoll when its native library is on
     * the class path, NIO otherwise. Not null.
     */
    public TransportType type() {
        return this.type;
    }

    /** Number of I/O event-loop threads; default 0 for twice the number of cores; 0 or more. */
    public int ioThreads() {
        return this.ioThreads;
    }

    /**
     * Largest frame accepted or sent in bytes, head and header included; default 16 MiB, more than the {@code
     * CupMessage.HEAD_LENGTH + CupMessage.HEADER_LENGTH} (72) bytes of head and header alone.
     */
    public int maxFrameSize() {
        return this.maxFrameSize;
    }

    /**
     * The I/O event loops that run every connection; default {@code null} for a group of {@link #ioThreads()}
     * threads owned by the message center. A supplied group is used as is ({@code ioThreads} does not apply) and is
     * never shut down by the center, so it outlives a stopped center and can serve the next one; it must be a
     * Netty 4.2 {@code MultiThreadIoEventLoopGroup} of NIO or epoll, whose kind sets the transport (a
     * {@link #type()} other than {@code AUTO} must agree with it).
     */
    public EventLoopGroup eventLoopGroup() {
        return this.eventLoopGroup;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link TransportOptions}; {@link CupnetOptions.Builder#build()} validates it. */
    public static final class Builder {

        private TransportType type = TransportType.AUTO;

        private int ioThreads;

        private int maxFrameSize = CupFrameDecoder.DEFAULT_MAX_FRAME_LENGTH;

        private EventLoopGroup eventLoopGroup;

        Builder() {
        }

        private Builder(TransportOptions options) {
            this.type = options.type;
            this.ioThreads = options.ioThreads;
            this.maxFrameSize = options.maxFrameSize;
            this.eventLoopGroup = options.eventLoopGroup;
        }

        /**
         * Netty transport carrying the sockets; default {@link TransportType#AUTO}: epoll when its native library
         * is on the class path, NIO otherwise. Not null.
         */
        public Builder type(TransportType type) {
            this.type = type;
            return this;
        }

        /** Number of I/O event-loop threads; default 0 for twice the number of cores; 0 or more. */
        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        /**
         * Largest frame accepted or sent in bytes, head and header included; default 16 MiB, more than the {@code
         * CupMessage.HEAD_LENGTH + CupMessage.HEADER_LENGTH} (72) bytes of head and header alone.
         */
        public Builder maxFrameSize(int maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
            return this;
        }

        /**
         * The I/O event loops that run every connection; default {@code null} for a group of {@link #ioThreads()}
         * threads owned by the message center. A supplied group is used as is ({@code ioThreads} does not apply) and is
         * never shut down by the center, so it outlives a stopped center and can serve the next one; it must be a
         * Netty 4.2 {@code MultiThreadIoEventLoopGroup} of NIO or epoll, whose kind sets the transport (a
         * {@link #type()} other than {@code AUTO} must agree with it).
         */
        public Builder eventLoopGroup(EventLoopGroup eventLoopGroup) {
            this.eventLoopGroup = eventLoopGroup;
            return this;
        }

        TransportOptions build() {
            require("transport.type", this.type);
            check(this.ioThreads >= 0, "transport.ioThreads", this.ioThreads, "0 (automatic) or more");
            check(this.maxFrameSize > SMALLEST_FRAME, "transport.maxFrameSize",
                    this.maxFrameSize, "more than " + SMALLEST_FRAME + " bytes");
            return new TransportOptions(this);
        }

    }

}
