package io.cupnet.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.cupnet.CupMessage;
import io.cupnet.DispatchMode;
import io.cupnet.TransportType;

/**
 * The command line of the load generator, parsed and validated.
 *
 * <p>{@code size} is the total frame size in bytes as it travels on the wire after the first frame
 * (the 64-byte CUP header plus the body, without the 8-byte head that only the first frame of a
 * connection carries); the raw-Netty baseline sends frames of exactly that many bytes, its 4-byte
 * length prefix included, and the gRPC baseline messages of the same body ({@code size - 64} bytes). In the
 * broker scenarios ({@code amqp-*}) {@code size} is the AMQP message body of both contenders.
 *
 * @param scenario which scenario to run, see {@link #SCENARIOS}
 * @param size total frame size in bytes (header + body), at least 64
 * @param messages messages (or requests) per round; 0 to run each round for {@code seconds}
 * @param seconds length of a round when {@code messages} is 0
 * @param connections connections to open in the connections scenario, peers to connect to in the peers one
 * @param transport the Netty transport of both cupnet and the baseline
 * @param window need-ack messages in flight at once
 * @param rounds measured rounds of each contender
 * @param warmup warm-up rounds of each contender, not counted
 * @param ioThreads event-loop threads of each node (sender, receiver, baseline client, baseline server)
 * @param sendQueue cupnet's send queue capacity, frames per peer
 * @param dispatch where cupnet's receiving handlers run: handler threads (the default) or the I/O thread
 * @param baseline what cupnet is compared with: raw Netty (the default) or gRPC-java, tuned or at its defaults
 * @param json file to write the figures to as JSON, or {@code null}
 * @param receivers soak: receiver nodes the connections are spread over
 * @param restartEvery soak: seconds between two receiver restarts (round robin), 0 for none
 * @param rate soak: need-ack messages per second over all connections
 * @param amqpAddress broker scenarios: {@code host:port} of an existing broker (guest/guest), or {@code null} to
 *        start a private RabbitMQ node for the run
 */
public record BenchOptions(String scenario, int size, long messages, double seconds, int connections,
        TransportType transport, int window, int rounds, int warmup, int ioThreads, int sendQueue,
        DispatchMode dispatch, Baseline baseline, Path json, int receivers, double restartEvery, int rate,
        String amqpAddress) {

    /** The scenarios the harness knows. */
    public static final List<String> SCENARIOS = List.of("oneway", "needack", "rtt", "listener", "connections",
            "peers", "soak", "hostile", "handoff", "amqp-oneway", "amqp-needack");

    /** The usage text printed for {@code --help} and after a bad argument. */
    public static final String USAGE = """
            usage: java -jar cupnet-benchmarks.jar \\
                       --scenario oneway|needack|rtt|listener|connections|peers|soak|hostile|handoff| \\
                                  amqp-oneway|amqp-needack \\
                       [--size BYTES] [--messages N | --seconds T] [--connections C] [--transport epoll|nio|auto] \\
                       [--window W] [--rounds R] [--warmup W] [--io-threads N] [--send-queue N] \\
                       [--dispatch handler-threads|io-thread] [--baseline netty|grpc [--grpc-defaults]] \\
                       [--json FILE] [--amqp-address HOST:PORT] \\
                       [--receivers R] [--restart-every S] [--rate M]
                   java -jar cupnet-benchmarks.jar jmh [JMH options]   (for example: jmh CodecBenchmark -prof gc)
              --size        total frame size in bytes, CUP header (64) + body; the raw-Netty baseline sends
                            frames of the same total size, gRPC messages of the same body (default 128)
              --messages    messages (rtt: requests; connections, peers: ignored) per round
              --seconds     length of a round when --messages is not given (default 3)
              --connections idle connections to open in the connections scenario, and outbound peers in the
                            peers scenario (default 1000)
              --window      need-ack messages in flight (default 1000)
              --rounds      measured rounds per contender, alternating baseline, cupnet, ... (default 3)
              --warmup      warm-up rounds per contender (default 1)
              --io-threads  event-loop threads of each node (default 1)
              --send-queue  cupnet send queue capacity (default 200, as CUP), WAIT overflow policy
              --dispatch    where cupnet's handlers run: handler-threads (default) or io-thread
              --baseline    what cupnet is compared with: netty (default, raw Netty) or grpc (gRPC-java
                            with its fastest settings: directExecutor() both sides, async stub, 16 MiB
                            flow-control window, 1 MiB onReady threshold); oneway and rtt only
                            (spring-amqp, Spring AMQP alone, is the broker scenarios' baseline and default)
              --grpc-defaults  a flag without value, with --baseline grpc: gRPC-java out of the box
                            instead (default executor, window and threshold; blocking unary stub for rtt)
              soak only (see benchmarks/README.md): --seconds is the whole run, --connections the sender-to-
              receiver connections (default 1000), --window the need-ack messages in flight over all of them,
              --receivers receiver nodes (default 8), --restart-every seconds between receiver restarts
              (default 10, 0 for none), --rate need-ack messages per second (default 5000)
              hostile: need-ack traffic from one sender node to one receiver node at --rate, --window in
                            flight, while a raw-socket attacker makes spoofed from claims and names a listener that
                            never reads as the sender of its need-ack frames; --seconds is the attack
              amqp-oneway, amqp-needack: cupnet's RabbitMQ transport against Spring AMQP alone on the same broker;
                            --size is the AMQP body of both, --window the sends in flight (until confirmed and
                            handled, or until acked); a private RabbitMQ node is started from the installed
                            rabbitmq-server unless --amqp-address HOST:PORT names an existing broker (guest/guest)
              handoff: no cupnet, no baseline; this machine's latency of waking a sleeping thread, which
              bounds the tail of every hand-off between threads (--messages counts hand-offs)
            """;

    /** Validates the values. */
    public BenchOptions {
        if (!SCENARIOS.contains(scenario)) {
            throw new IllegalArgumentException("Unknown scenario '" + scenario + "'; choose one of " + SCENARIOS);
        }
        require(size >= CupMessage.HEADER_LENGTH, "--size", size, "at least " + CupMessage.HEADER_LENGTH
                + " (the CUP header)");
        require(size <= 16 * 1024 * 1024 - CupMessage.HEAD_LENGTH, "--size", size, "at most 16 MiB minus the head");
        require(messages >= 0, "--messages", messages, "0 or more");
        require(messages > 0 || seconds > 0, "--seconds", seconds, "more than 0");
        require(connections > 0, "--connections", connections, "at least 1");
        require(window > 0, "--window", window, "at least 1");
        require(rounds > 0, "--rounds", rounds, "at least 1");
        require(warmup >= 0, "--warmup", warmup, "0 or more");
        require(ioThreads > 0, "--io-threads", ioThreads, "at least 1");
        require(sendQueue > 0, "--send-queue", sendQueue, "at least 1");
        require(dispatch != null, "--dispatch", null, "handler-threads or io-thread");
        require(baseline != null, "--baseline", null, "netty or grpc");
        require((baseline == Baseline.SPRING_AMQP) == isAmqp(scenario), "--baseline", baseline.kind(),
                isAmqp(scenario) ? "spring-amqp (or left out) for the " + scenario + " scenario"
                        : "netty or grpc for the " + scenario + " scenario; spring-amqp runs with "
                                + Baseline.AMQP_SCENARIOS);
        require(!baseline.isGrpc() || Baseline.GRPC_SCENARIOS.contains(scenario), "--baseline", baseline.kind(),
                "netty for the " + scenario + " scenario; gRPC runs with " + Baseline.GRPC_SCENARIOS);
        require(amqpAddress == null || isAmqp(scenario), "--amqp-address", amqpAddress,
                "left out for the " + scenario + " scenario; it names the broker of " + Baseline.AMQP_SCENARIOS);
        require(amqpAddress == null || amqpAddress.matches("[^:\\s]+:\\d{1,5}"), "--amqp-address", amqpAddress,
                "HOST:PORT of a RabbitMQ broker, such as localhost:5672");
        require(receivers > 0, "--receivers", receivers, "at least 1");
        require(restartEvery >= 0, "--restart-every", restartEvery, "0 or more");
        require(rate > 0, "--rate", rate, "at least 1");
    }

    /** The options of the scenarios before soak, with the soak options at their defaults. */
    public BenchOptions(String scenario, int size, long messages, double seconds, int connections,
            TransportType transport, int window, int rounds, int warmup, int ioThreads, int sendQueue, Path json) {
        this(scenario, size, messages, seconds, connections, transport, window, rounds, warmup, ioThreads, sendQueue,
                DispatchMode.HANDLER_THREADS, Baseline.defaultFor(scenario), json, 8, 10, 5000, null);
    }

    /** Whether the scenario runs over a RabbitMQ broker. */
    public boolean isAmqp() {
        return isAmqp(this.scenario);
    }

    private static boolean isAmqp(String scenario) {
        return Baseline.AMQP_SCENARIOS.contains(scenario);
    }

    /**
     * Parses the command line.
     * @throws IllegalArgumentException naming the bad argument
     */
    public static BenchOptions parse(String... args) {
        Builder builder = new Builder();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + name + "'");
            }
            if (name.equals("--grpc-defaults")) {
                builder.grpcDefaults = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + name + " needs a value");
            }
            builder.set(name, args[++i]);
        }
        return builder.build();
    }

    /** The budget of one round: a message count or a duration. */
    public Budget budget() {
        return (this.messages > 0) ? Budget.ofMessages(this.messages)
                : Budget.ofTime(Duration.ofNanos((long) (this.seconds * 1e9)));
    }

    private static void require(boolean valid, String option, Object value, String expected) {
        if (!valid) {
            throw new IllegalArgumentException("Option " + option + " is " + value + "; it must be " + expected);
        }
    }

    /** Collects option values by name. */
    private static final class Builder {

        private String scenario;

        private int size = 128;

        private long messages;

        private double seconds = 3;

        private int connections = 1000;

        private TransportType transport = TransportType.AUTO;

        private int window = 1000;

        private int rounds = 3;

        private int warmup = 1;

        private int ioThreads = 1;

        private int sendQueue = 200;

        private DispatchMode dispatch = DispatchMode.HANDLER_THREADS;

        private String baseline;

        private boolean grpcDefaults;

        private Path json;

        private int receivers = 8;

        private double restartEvery = 10;

        private int rate = 5000;

        private String amqpAddress;

        void set(String name, String value) {
            try {
                switch (name) {
                    case "--scenario" -> this.scenario = value.toLowerCase(Locale.ROOT);
                    case "--size" -> this.size = Integer.parseInt(value);
                    case "--messages" -> this.messages = Long.parseLong(value);
                    case "--seconds" -> this.seconds = Double.parseDouble(value);
                    case "--connections" -> this.connections = Integer.parseInt(value);
                    case "--transport" -> this.transport = TransportType.valueOf(value.toUpperCase(Locale.ROOT));
                    case "--window" -> this.window = Integer.parseInt(value);
                    case "--rounds" -> this.rounds = Integer.parseInt(value);
                    case "--warmup" -> this.warmup = Integer.parseInt(value);
                    case "--io-threads" -> this.ioThreads = Integer.parseInt(value);
                    case "--send-queue" -> this.sendQueue = Integer.parseInt(value);
                    case "--dispatch" -> this.dispatch = dispatchMode(value);
                    case "--baseline" -> this.baseline = value;
                    case "--json" -> this.json = Path.of(value);
                    case "--receivers" -> this.receivers = Integer.parseInt(value);
                    case "--restart-every" -> this.restartEvery = Double.parseDouble(value);
                    case "--rate" -> this.rate = Integer.parseInt(value);
                    case "--amqp-address" -> this.amqpAddress = value;
                    default -> throw new IllegalArgumentException("Unknown option " + name);
                }
            }
            catch (NumberFormatException ex) {
                throw new IllegalArgumentException("Option " + name + " needs a number, not '" + value + "'", ex);
            }
        }

        BenchOptions build() {
            if (this.scenario == null) {
                throw new IllegalArgumentException("Option --scenario is required");
            }
            return new BenchOptions(this.scenario, this.size, this.messages, this.seconds, this.connections,
                    this.transport, this.window, this.rounds, this.warmup, this.ioThreads, this.sendQueue, this.dispatch,
                    Baseline.of(this.baseline, this.grpcDefaults, this.scenario), this.json, this.receivers,
                    this.restartEvery, this.rate, this.amqpAddress);
        }

        private static DispatchMode dispatchMode(String value) {
            for (DispatchMode mode : DispatchMode.values()) {
                if (mode.name().replace('_', '-').equalsIgnoreCase(value)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("Option --dispatch is '" + value + "'; it must be handler-threads or io-thread");
        }

    }

}
