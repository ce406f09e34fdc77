package io.cupnet.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import io.cupnet.bench.amqp.AmqpBroker;
import io.cupnet.bench.connections.FdLimit;
import io.cupnet.bench.cupnet.CupnetNodes;
import io.cupnet.bench.report.ScenarioResult;

/**
 * Runs one scenario: opens both contenders, then alternates their rounds (baseline, cupnet,
 * baseline, cupnet, ...), warm-up rounds first, and collects the measured ones. A broker scenario
 * first opens the broker both contenders use, and closes it after them.
 */
public final class ScenarioRunner {

    private final BenchOptions bench;

    private final PrintStream out;

    /** Creates a runner that prints its table to {@code out}. */
    public ScenarioRunner(BenchOptions bench, PrintStream out) {
        this.bench = bench;
        this.out = out;
    }

    /** Runs the scenario and prints its table and RESULT line. */
    public ScenarioResult run() throws Exception {
        if (this.bench.isAmqp()) {
            try (AmqpBroker broker = AmqpBroker.open(this.bench)) {
                return run(Scenarios.brokerContenders(this.bench, broker), broker.describe());
            }
        }
        return run(Scenarios.contenders(this.bench, connections()), List.of());
    }

    /** Runs the rounds of {@code contenders}, baseline first; {@code setting} lines go into the header. */
    private ScenarioResult run(Contender[] contenders, List<String> setting) throws Exception {
        Contender baseline = contenders[0];
        Contender cupnet = contenders[1];
        printHeader(baseline, cupnet, setting);
        List<Sample> baselineSamples = new ArrayList<>();
        List<Sample> cupnetSamples = new ArrayList<>();
        try {
            baseline.open();
            cupnet.open();
            Budget budget = this.bench.budget();
            for (int i = 1; i <= this.bench.warmup(); i++) {
                round(baseline, budget, "warm-up " + i);
                round(cupnet, budget, "warm-up " + i);
            }
            for (int i = 1; i <= this.bench.rounds(); i++) {
                baselineSamples.add(round(baseline, budget, "round " + i));
                cupnetSamples.add(round(cupnet, budget, "round " + i));
            }
        }
        finally {
            cupnet.close();
            baseline.close();
        }
        ScenarioResult result = new ScenarioResult(this.bench.scenario(), this.bench.size(), transportName(),
                this.bench.baseline().kind(), baseline.describe(),
                cupnet.describe(), baselineSamples, cupnetSamples);
        result.printSummary(this.out);
        this.out.flush();
        return result;
    }

    private Sample round(Contender contender, Budget budget, String round) throws Exception {
        String label = this.bench.scenario() + " " + contender.name() + " " + round;
        Sample sample = contender.round(budget, label);
        this.out.printf("  %-9s %-8s %s%n", round, contender.name(), sample.describe());
        this.out.flush();
        return sample;
    }

    private int connections() {
        if (!opensConnections()) {
            return this.bench.connections();
        }
        int allowed = FdLimit.allowedConnections(this.bench.connections());
        this.out.printf("file descriptors: limit %d (ulimit -n), %d open; the far ends are in a child JVM with "
                + "the same limit%n", FdLimit.max(), FdLimit.open());
        if (allowed < this.bench.connections()) {
            this.out.printf("WARNING: %d connections requested but the descriptor limit leaves room for %d; "
                    + "using %d (raise ulimit -n to measure more)%n", this.bench.connections(), allowed, allowed);
        }
        return allowed;
    }

    /** Whether the scenario opens a batch of idle connections per round: connections or peers. */
    private boolean opensConnections() {
        return this.bench.scenario().equals("connections") || this.bench.scenario().equals("peers");
    }

    private void printHeader(Contender baseline, Contender cupnet, List<String> setting) {
        if (this.bench.isAmqp()) {
            this.out.printf("%n== %s, message body %d B (%s), %s ==%n", this.bench.scenario(), this.bench.size(),
                    this.bench.baseline().framing(this.bench.size()), describeBudget());
        }
        else {
            this.out.printf("%n== %s, frame size %d B (CUP header 64 + body %d; %s), transport %s, %s ==%n",
                    this.bench.scenario(), this.bench.size(), this.bench.size() - 64,
                    this.bench.baseline().framing(this.bench.size()), transportName(), describeBudget());
        }
        setting.forEach((line) -> this.out.println("  " + line));
        this.out.println("  baseline: " + baseline.describe());
        this.out.println("  cupnet:   " + cupnet.describe());
        this.out.println("  rounds alternate baseline, cupnet; " + this.bench.warmup() + " warm-up + "
                + this.bench.rounds() + " measured each; figures are medians of the measured rounds");
    }

    /** The Netty transport of both contenders, or {@code amqp} for the broker scenarios, whose clients use none. */
    private String transportName() {
        return this.bench.isAmqp() ? "amqp" : CupnetNodes.transportName(this.bench);
    }

    private String describeBudget() {
        if (opensConnections()) {
            return "one batch of connections per round";
        }
        return (this.bench.messages() > 0) ? this.bench.messages() + " messages per round"
                : this.bench.seconds() + " s per round";
    }

}
