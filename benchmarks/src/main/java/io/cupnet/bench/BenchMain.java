package io.cupnet.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

import io.cupnet.bench.report.ScenarioResult;

/**
 * The entry point of {@code cupnet-benchmarks.jar}: runs one load scenario against cupnet and a
 * raw-Netty baseline, or, with a first argument {@code jmh}, the JMH micro-benchmarks.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /**
     * Runs the benchmarks.
     * @param args the options, see {@link BenchOptions#USAGE}
     */
    public static void main(String[] args) throws Exception {
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
        run(bench, System.out);
        System.exit(0);
    }

    /** Runs the scenario of {@code bench}, prints it to {@code out} and writes the JSON file when asked. */
    public static ScenarioResult run(BenchOptions bench, PrintStream out) throws Exception {
        out.printf("cupnet-benchmarks: java %s, %d cores, max heap %d MiB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        ScenarioResult result = new ScenarioRunner(bench, out).run();
        if (bench.json() != null) {
            writeJson(bench, result);
        }
        return result;
    }

    private static void writeJson(BenchOptions bench, ScenarioResult result) throws IOException {
        if (bench.json().getParent() != null) {
            Files.createDirectories(bench.json().getParent());
        }
        Files.writeString(bench.json(), result.figures().json() + System.lineSeparator(), StandardCharsets.UTF_8);
    }

}
