package io.cupnet.bench;

import java.util.List;
import java.util.Locale;

/**
 * What cupnet is compared with: raw Netty (the floor of any Netty library), gRPC-java tuned as its best
 * users tune it, gRPC-java out of the box, or, in the broker scenarios, Spring AMQP alone.
 */
public enum Baseline {

    /** Raw Netty with length-prefixed frames: the default. */
    NETTY("netty"),

    /** gRPC-java with its fastest settings (see {@code io.cupnet.bench.grpc.GrpcSettings}). */
    GRPC("grpc"),

    /** gRPC-java with its default settings. */
    GRPC_DEFAULTS("grpc-defaults"),

    /** Spring AMQP alone on the same broker: the only baseline of the broker scenarios. */
    SPRING_AMQP("spring-amqp");

    /** The scenarios that can run against gRPC. */
    public static final List<String> GRPC_SCENARIOS = List.of("oneway", "rtt");

    /** The broker scenarios, which run against Spring AMQP only. */
    public static final List<String> AMQP_SCENARIOS = List.of("amqp-oneway", "amqp-needack");

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
        return this == GRPC || this == GRPC_DEFAULTS;
    }

    /** How the baseline frames a message of {@code size} total bytes, for the report's header. */
    public String framing(int size) {
        if (this == SPRING_AMQP) {
            return "the same " + size + "-byte body for both; cupnet adds its type, flags, addresses and uniq id as "
                    + "AMQP properties";
        }
        if (isGrpc()) {
            return "gRPC: the same " + (size - 64) + "-byte body as one message, 5-byte gRPC prefix, in HTTP/2 "
                    + "DATA frames";
        }
        return "baseline: 4-byte length + " + (size - 4);
    }

    /** The baseline of {@code scenario} when none is named: Spring AMQP for the broker scenarios, else raw Netty. */
    static Baseline defaultFor(String scenario) {
        return AMQP_SCENARIOS.contains(scenario) ? SPRING_AMQP : NETTY;
    }

    /**
     * The baseline named on the command line.
     * @param value {@code netty}, {@code grpc} or {@code spring-amqp}; {@code null} for the scenario's default
     * @param grpcDefaults whether {@code --grpc-defaults} was given
     * @param scenario the scenario, whose default applies when no baseline is named
     */
    static Baseline of(String value, boolean grpcDefaults, String scenario) {
        Baseline named = (value == null) ? defaultFor(scenario) : switch (value.toLowerCase(Locale.ROOT)) {
            case "netty" -> NETTY;
            case "grpc" -> GRPC;
            case "spring-amqp" -> SPRING_AMQP;
            default -> throw new IllegalArgumentException("Option --baseline is '" + value + "'; it must be netty or "
                    + "grpc (or spring-amqp for " + AMQP_SCENARIOS + ")");
        };
        if (grpcDefaults && named != GRPC) {
            throw new IllegalArgumentException("Option --grpc-defaults needs --baseline grpc");
        }
        return grpcDefaults ? GRPC_DEFAULTS : named;
    }

}
