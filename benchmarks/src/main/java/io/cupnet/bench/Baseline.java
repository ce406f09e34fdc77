package io.cupnet.bench;

import java.util.List;
import java.util.Locale;

/**
 * What cupnet is compared with: raw Netty (the floor of any Netty library), or gRPC-java tuned as
 * its best users tune it, or gRPC-java out of the box.
 */
public enum Baseline {

    /** Raw Netty with length-prefixed frames: the default. */
    NETTY("netty"),

    /** gRPC-java with its fastest settings (see {@code io.cupnet.bench.grpc.GrpcSettings}). */
    GRPC("grpc"),

    /** gRPC-java with its default settings. */
    GRPC_DEFAULTS("grpc-defaults");

    /** The scenarios that can run against gRPC. */
    public static final List<String> GRPC_SCENARIOS = List.of("oneway", "rtt");

    private final String kind;

    Baseline(String kind) {
        this.kind = kind;
    }

    /** The {@code baseline_kind} of the RESULT line and the JSON: netty, grpc or grpc-defaults. */
    public String kind() {
        return this.kind;
    }

    /** Whether the baseline is gRPC, tuned or not. */
    public boolean isGrpc() {
        return this != NETTY;
    }

    /** How the baseline frames a message of {@code size} total bytes, for the report's header. */
    public String framing(int size) {
        if (isGrpc()) {
            return "gRPC: the same " + (size - 64) + "-byte body as one message, 5-byte gRPC prefix, in HTTP/2 "
                    + "DATA frames";
        }
        return "baseline: 4-byte length + " + (size - 4);
    }

    /**
     * The baseline named on the command line.
     * @param value {@code netty} or {@code grpc}
     * @param grpcDefaults whether {@code --grpc-defaults} was given
     */
    static Baseline of(String value, boolean grpcDefaults) {
        Baseline named = switch (value.toLowerCase(Locale.ROOT)) {
            case "netty" -> NETTY;
            case "grpc" -> GRPC;
            default -> throw new IllegalArgumentException("Option --baseline is '" + value + "'; it must be netty or grpc");
        };
        if (grpcDefaults && named != GRPC) {
            throw new IllegalArgumentException("Option --grpc-defaults needs --baseline grpc");
        }
        return grpcDefaults ? GRPC_DEFAULTS : named;
    }

}
