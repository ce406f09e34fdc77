package io.cupnet.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.cupnet.bench.report.Figures;
import io.cupnet.bench.report.ScenarioResult;
import io.cupnet.bench.soak.HostileReport;
import io.cupnet.bench.soak.HostileRunner;
import io.cupnet.bench.soak.LeakCounter;
import io.cupnet.bench.soak.SoakReport;
import io.cupnet.bench.soak.SoakRunner;

/**
 * The entry point of {@code cupnet-benchmarks.jar}: runs one load scenario against cupnet and a
 * baseline (raw Netty, gRPC-java, or Spring AMQP on a RabbitMQ broker), the soak or the hostile-peer
 * run (cupnet alone), the hand-off probe (the machine alone), or, with a first argument {@code jmh},
 * the JMH micro-benchmarks.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /**
     * Runs the benchmarks.
     * @param args the options, see {@link BenchOptions#USAGE}
     */
    public static void main(String[] args) throws Exception {
        // Before any Netty buffer exists, so that the soak can count leak reports.
        LeakCounter.install();
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length == 0 || Arrays.asList(args).contains("--help")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions bench;
        try {
            bench = BenchOptions.parse(args);
        }
        catch (IllegalArgumentException ex) {
            System.err.println(ex.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (bench.scenario().equals("soak")) {
            System.exit(runSoak(bench, System.out).passed() ? 0 : 1);
        }
        if (bench.scenario().equals("hostile")) {
            System.exit(runHostile(bench, System.out).passed() ? 0 : 1);
        }
        if (bench.scenario().equals("handoff")) {
            runHandoff(bench, System.out);
            System.exit(0);
        }
        run(bench, System.out);
        System.exit(0);
    }

    /** Runs the soak scenario, prints its report to {@code out} and writes the JSON file when asked. */
    public static SoakReport runSoak(BenchOptions bench, PrintStream out) throws Exception {
        printMachine(out);
        SoakReport report = new SoakRunner(bench, out).run();
        if (bench.json() != null) {
            writeJson(bench.json(), report.figures().json());
        }
        return report;
    }

    /** Runs the hostile scenario, prints its report to {@code out} and writes the JSON file when asked. */
    public static HostileReport runHostile(BenchOptions bench, PrintStream out) throws Exception {
        printMachine(out);
        HostileReport report = new HostileRunner(bench, out).run();
        if (bench.json() != null) {
            writeJson(bench.json(), report.figures().json());
        }
        return report;
    }

    /** Runs the hand-off probe, prints it to {@code out} and writes the JSON file when asked. */
    public static Figures runHandoff(BenchOptions bench, PrintStream out) throws Exception {
        printMachine(out);
        Figures figures = new HandoffProbe(bench, out).run();
        if (bench.json() != null) {
            writeJson(bench.json(), figures.json());
        }
        return figures;
    }

    /** Runs the scenario of {@code bench}, prints it to {@code out} and writes the JSON file when asked. */
    public static ScenarioResult run(BenchOptions bench, PrintStream out) throws Exception {
        if (List.of("soak", "hostile", "handoff").contains(bench.scenario())) {
            throw new IllegalArgumentException("The " + bench.scenario() + " scenario has no baseline to compare; "
                    + "run it with runSoak, runHostile or runHandoff");
        }
        printMachine(out);
        ScenarioResult result = new ScenarioRunner(bench, out).run();
        if (bench.json() != null) {
            writeJson(bench.json(), result.figures().json());
        }
        return result;
    }

    private static void printMachine(PrintStream out) {
        out.printf("cupnet-benchmarks: java %s, %d cores, max heap %d MiB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    }

    private static void writeJson(Path json, String figures) throws IOException {
        if (json.getParent() != null) {
            Files.createDirectories(json.getParent());
        }
        Files.writeString(json, figures + System.lineSeparator(), StandardCharsets.UTF_8);
    }

}
