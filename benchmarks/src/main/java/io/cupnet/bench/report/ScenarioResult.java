package io.cupnet.bench.report;

import java.io.PrintStream;
import java.util.List;

import io.cupnet.bench.Sample;

/**
 * The rounds of one scenario, both contenders, and the figures derived from their medians.
 *
 * @param scenario the scenario's name
 * @param size frame size in bytes, header + body
 * @param transport epoll or nio
 * @param baselineKind what the baseline is: netty, grpc or grpc-defaults
 * @param baselineDescription the baseline's threads
 * @param cupnetDescription cupnet's threads
 * @param baseline the baseline's measured rounds
 * @param cupnet cupnet's measured rounds
 */
public record ScenarioResult(String scenario, int size, String transport, String baselineKind,
        String baselineDescription, String cupnetDescription, List<Sample> baseline, List<Sample> cupnet) {

    /** The figures of this result, from the medians of the rounds. */
    public Figures figures() {
        Figures figures = FigureRules.of(this);
        // Today's RESULT lines stay as they were against raw Netty; any other baseline names itself in them.
        if (this.baselineKind.equals("netty")) {
            figures.putExtra("baseline_kind", this.baselineKind);
        }
        else {
            figures.put("baseline_kind", this.baselineKind);
        }
        figures.putExtra("transport", this.transport);
        figures.putExtra("rounds", this.cupnet.size());
        return figures;
    }

    /** Prints the median lines of the human table and the RESULT line. */
    public void printSummary(PrintStream out) {
        out.printf("  %-9s %-8s %s%n", "median", "baseline", FigureRules.describeMedian(this.baseline));
        out.printf("  %-9s %-8s %s%n", "median", "cupnet", FigureRules.describeMedian(this.cupnet));
        out.println(figures().resultLine());
    }

}
