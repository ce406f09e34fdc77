package io.cupnet.bench.grpc;

import io.cupnet.bench.Baseline;
import io.grpc.CallOptions;
import io.grpc.internal.GrpcUtil;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

/**
 * How the gRPC baseline is configured: its fastest settings, as its best users tune it, or its defaults.
 *
 * <p>Tuned: {@code directExecutor()} on the server and the channel (callbacks run on the event loop
 * instead of hopping to gRPC's default cached thread pool, which alone holds a client stream to about
 * 30 k msg/s), an HTTP/2 flow-control window of 16 MiB on both sides (fixed, so no BDP pings) and an
 * onReady threshold of 1 MiB on the client-streaming call (the stream stays ready while up to 1 MiB
 * waits to be written, instead of 32 KiB). Tuned round trips use the async stub; with the defaults they
 * use the blocking stub, as an out-of-the-box client does. Tried and left out, for no measurable gain:
 * server-side {@code disableAutoRequest()} with {@code request(n)} in batches of 256 and 4096 on top of
 * {@code directExecutor()}.
 */
final class GrpcSettings {

    /** The tuned HTTP/2 flow-control window of both sides, bytes. */
    static final int WINDOW = 16 * 1024 * 1024;

    /** The tuned onReady threshold of the client stream, bytes. */
    static final int ON_READY_THRESHOLD = 1024 * 1024;

    private final boolean tuned;

    GrpcSettings(Baseline baseline) {
        this.tuned = baseline == Baseline.GRPC;
    }

    /** Whether these are the fastest settings rather than the defaults. */
    boolean tuned() {
        return this.tuned;
    }

    /** Applies the settings to the server. */
    NettyServerBuilder server(NettyServerBuilder builder) {
        return this.tuned ? builder.directExecutor().flowControlWindow(WINDOW) : builder;
    }

    /** Applies the settings to the client's channel. */
    NettyChannelBuilder channel(NettyChannelBuilder builder) {
        return this.tuned ? builder.directExecutor().flowControlWindow(WINDOW) : builder;
    }

    /** The options of the client-streaming call. */
    CallOptions streamOptions() {
        return this.tuned ? CallOptions.DEFAULT.withOnReadyThreshold(ON_READY_THRESHOLD) : CallOptions.DEFAULT;
    }

    /** Names the settings for the report. */
    String describe() {
        String version = "gRPC-java " + GrpcUtil.IMPLEMENTATION_VERSION + " (grpc-netty-shaded, plaintext HTTP/2, "
                + "byte[] marshaller, no protobuf)";
        if (this.tuned) {
            return version + ", tuned: directExecutor() on server and channel, flow-control window "
                    + (WINDOW >> 20) + " MiB both sides, onReady threshold " + (ON_READY_THRESHOLD >> 20) + " MiB";
        }
        return version + ", defaults: callbacks on gRPC's default executor (cached thread pool), flow-control "
                + "window 1 MiB with BDP auto-tuning, onReady threshold 32 KiB";
    }

}
