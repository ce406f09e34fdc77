package io.cupnet.amqp.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A RabbitMQ node of its own, started from the installed {@code rabbitmq-server}: its own node name,
 * free AMQP, distribution and epmd ports, no plugins, and every file (data, logs, config, pid, Erlang
 * cookie through {@code HOME}) in a temporary directory, so that it neither meets nor disturbs a system
 * broker. Started once per test run by {@link BrokerExtension}.
 */
public final class PrivateBroker implements AutoCloseable {

    /** Where Debian's package puts the scripts; they run as the current user, unlike /usr/sbin's wrappers. */
    private static final Path DEBIAN_SCRIPTS = Path.of("/usr/lib/rabbitmq/bin");

    private static final String INSTALL_HINT = "rabbitmq-server is not installed, and the AMQP tests start a private "
            + "broker from it. Install it with: apt-get update && apt-get install -y rabbitmq-server "
            + "(Debian/Ubuntu; any RabbitMQ 3.10+ whose rabbitmq-server and rabbitmqctl are on the PATH works too)";

    private static final long WAIT_SECONDS = 110;

    private final Path directory;

    private final String nodeName;

    private final int amqpPort;

    private final Map<String, String> environment;

    private final Path scripts;

    private PrivateBroker(Path scripts, Path directory) {
        this.scripts = scripts;
        this.directory = directory;
        this.nodeName = "cupnet-test-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
        this.amqpPort = freePort();
        this.environment = Map.ofEntries(Map.entry("HOME", directory.toString()),
                Map.entry("RABBITMQ_NODENAME", this.nodeName),
                Map.entry("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
                Map.entry("RABBITMQ_NODE_PORT", Integer.toString(this.amqpPort)),
                Map.entry("RABBITMQ_DIST_PORT", Integer.toString(freePort())),
                Map.entry("ERL_EPMD_PORT", Integer.toString(freePort())),
                Map.entry("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString()),
                Map.entry("RABBITMQ_LOG_BASE", directory.resolve("log").toString()),
                Map.entry("RABBITMQ_CONFIG_FILE", directory.resolve("rabbitmq.conf").toString()),
                Map.entry("RABBITMQ_ADVANCED_CONFIG_FILE", directory.resolve("advanced.config").toString()),
                Map.entry("RABBITMQ_CONF_ENV_FILE", directory.resolve("rabbitmq-env.conf").toString()),
                Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("enabled_plugins").toString()),
                Map.entry("RABBITMQ_PLUGINS_EXPAND_DIR", directory.resolve("plugins-expand").toString()),
                Map.entry("RABBITMQ_PID_FILE", pidFile().toString()));
    }

    /** Starts a private node and waits until it accepts connections; fails saying how to install the server. */
    public static PrivateBroker start() {
        Path scripts = findScripts();
        try {
            Path directory = Files.createTempDirectory("cupnet-rabbitmq-");
            Files.writeString(directory.resolve("enabled_plugins"), "[].\n");
            Files.writeString(directory.resolve("rabbitmq-env.conf"), "");
            Files.writeString(directory.resolve("rabbitmq.conf"), "disk_free_limit.absolute = 1MB\n");
            PrivateBroker broker = new PrivateBroker(scripts, directory);
            broker.run("rabbitmq-server", "-detached");
            broker.run("rabbitmqctl", "-n", broker.nodeName, "wait", "--timeout", Long.toString(WAIT_SECONDS),
                    broker.pidFile().toString());
            return broker;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not prepare a private RabbitMQ node", ex);
        }
    }

    private static Path findScripts() {
        if (Files.isExecutable(DEBIAN_SCRIPTS.resolve("rabbitmq-server"))) {
            return DEBIAN_SCRIPTS;
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .map(Path::of)
            .filter((dir) -> Files.isExecutable(dir.resolve("rabbitmq-server")))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
    }

    /** The port its AMQP listener took on 127.0.0.1. */
    public int amqpPort() {
        return this.amqpPort;
    }

    /** Runs {@code rabbitmqctl} against this node with {@code arguments} and returns its output. */
    public String ctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-n", this.nodeName));
        command.addAll(List.of(arguments));
        return run(command.toArray(String[]::new));
    }

    /** Stops the RabbitMQ application (clients lose their connections) and keeps the node's VM and data. */
    public void stopApp() {
        ctl("stop_app");
    }

    /** Starts the RabbitMQ application again after {@link #stopApp()} and waits until it accepts connections. */
    public void startApp() {
        ctl("start_app");
        ctl("await_startup", "--timeout", Long.toString(WAIT_SECONDS));
    }

    /** Shuts the node down (waiting for its VM to exit), stops its epmd and deletes its directory. */
    @Override
    public void close() {
        try {
            ctl("shutdown");
        }
        finally {
            stopEpmd();
            deleteDirectory();
        }
    }

    private void stopEpmd() {
        try {
            run("epmd", "-kill");
        }
        catch (RuntimeException ex) {
            // the node's epmd may already have gone; nothing else of ours is left running
        }
    }

    private Path pidFile() {
        return this.directory.resolve("node.pid");
    }

    private String run(String... command) {
        Path executable = this.scripts.resolve(command[0]);
        List<String> line = new ArrayList<>(List.of(command));
        line.set(0, Files.isExecutable(executable) ? executable.toString() : command[0]);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).directory(this.directory.toFile());
        builder.environment().putAll(this.environment);
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(WAIT_SECONDS + 10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed for node " + this.nodeName
                        + " (logs in " + this.directory.resolve("log") + "): " + new String(output));
            }
            return new String(output);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run. " + INSTALL_HINT, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), ex);
        }
    }

    private void deleteDirectory() {
        try (Stream<Path> paths = Files.walk(this.directory)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
        catch (IOException ex) {
            // a temporary directory left behind harms nothing
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No free local port", ex);
        }
    }

}
