package io.cupnet.bench.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;

import io.cupnet.bench.Sample;
import io.cupnet.bench.Sample.ConnectionCost;
import io.cupnet.bench.Sample.Latency;
import io.cupnet.bench.Sample.Throughput;

/**
 * Turns the rounds of a scenario into its figures, by the kind of sample it measured.
 */
final class FigureRules {

    private FigureRules() {
    }

    static Figures of(ScenarioResult result) {
        Sample first = result.cupnet().get(0);
        Figures figures = new Figures().put("scenario", result.scenario()).put("size", result.size());
        if (first instanceof Throughput) {
            return throughput(figures, cast(result.baseline(), Throughput.class), cast(result.cupnet(), Throughput.class));
        }
        if (first instanceof Latency) {
            return latency(figures, cast(result.baseline(), Latency.class), cast(result.cupnet(), Latency.class));
        }
        return connections(figures, cast(result.baseline(), ConnectionCost.class),
                cast(result.cupnet(), ConnectionCost.class));
    }

    /** The median of a contender's rounds, described for the human table. */
    static String describeMedian(List<Sample> samples) {
        Sample first = samples.get(0);
        if (first instanceof Throughput throughput) {
            List<Throughput> rounds = cast(samples, Throughput.class);
            double rate = Medians.of(rounds, Throughput::perSecond);
            return String.format("%,12.0f msg/s %9.1f MiB/s  cpu %5.2f us/msg", rate,
                    rate * throughput.frameSize() / (1024.0 * 1024.0), Medians.of(rounds, Throughput::cpuMicrosPerMessage));
        }
        if (first instanceof Latency) {
            List<Latency> latencies = cast(samples, Latency.class);
            return String.format("p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us", Medians.of(latencies, (l) -> l.micros(50)),
                    Medians.of(latencies, (l) -> l.micros(99)), Medians.of(latencies, (l) -> l.micros(99.9)));
        }
        List<ConnectionCost> costs = cast(samples, ConnectionCost.class);
        return String.format("%,9.0f conn/s  %,8.0f B/conn", Medians.of(costs, ConnectionCost::connectsPerSecond),
                Medians.of(costs, ConnectionCost::bytesPerConnection));
    }

    private static Figures throughput(Figures figures, List<Throughput> baseline, List<Throughput> cupnet) {
        double cupnetRate = Medians.of(cupnet, Throughput::perSecond);
        double baselineRate = Medians.of(baseline, Throughput::perSecond);
        int frameSize = cupnet.get(0).frameSize();
        return figures.put("unit", "msg/s")
            .put("cupnet", cupnetRate)
            .put("baseline", baselineRate)
            .put("ratio", ratio(cupnetRate, baselineRate))
            .putExtra("cupnet_mib_s", cupnetRate * frameSize / (1024.0 * 1024.0))
            .putExtra("baseline_mib_s", baselineRate * frameSize / (1024.0 * 1024.0))
            .putExtra("cupnet_cpu_us_per_msg", Medians.of(cupnet, Throughput::cpuMicrosPerMessage))
            .putExtra("baseline_cpu_us_per_msg", Medians.of(baseline, Throughput::cpuMicrosPerMessage))
            .putExtra("cupnet_rounds", Medians.jsonArray(rates(cupnet)))
            .putExtra("baseline_rounds", Medians.jsonArray(rates(baseline)));
    }

    private static Figures latency(Figures figures, List<Latency> baseline, List<Latency> cupnet) {
        double p99 = Medians.of(cupnet, (l) -> l.micros(99));
        double baselineP99 = Medians.of(baseline, (l) -> l.micros(99));
        return figures.put("unit", "us")
            .put("p50", Medians.of(cupnet, (l) -> l.micros(50)))
            .put("p99", p99)
            .put("p999", Medians.of(cupnet, (l) -> l.micros(99.9)))
            .put("baseline_p50", Medians.of(baseline, (l) -> l.micros(50)))
            .put("baseline_p99", baselineP99)
            .put("ratio_p99", ratio(p99, baselineP99))
            .putExtra("baseline_p999", Medians.of(baseline, (l) -> l.micros(99.9)))
            .putExtra("ratio_p50", ratio(Medians.of(cupnet, (l) -> l.micros(50)),
                    Medians.of(baseline, (l) -> l.micros(50))));
    }

    private static Figures connections(Figures figures, List<ConnectionCost> baseline, List<ConnectionCost> cupnet) {
        double rate = Medians.of(cupnet, ConnectionCost::connectsPerSecond);
        double baselineRate = Medians.of(baseline, ConnectionCost::connectsPerSecond);
        return figures.put("unit", "conn/s")
            .put("connections", cupnet.get(0).connections())
            .put("cupnet", rate)
            .put("baseline", baselineRate)
            .put("ratio", ratio(rate, baselineRate))
            .put("cupnet_bytes_per_conn", Medians.of(cupnet, ConnectionCost::bytesPerConnection))
            .put("baseline_bytes_per_conn", Medians.of(baseline, ConnectionCost::bytesPerConnection))
            .putExtra("cupnet_heap_per_conn", Medians.of(cupnet, (c) -> (double) c.heapBytes() / c.connections()))
            .putExtra("cupnet_direct_per_conn",
                    Medians.of(cupnet, (c) -> (double) c.directBytes() / c.connections()));
    }

    private static BigDecimal ratio(double value, double reference) {
        if (reference == 0 || Double.isNaN(value) || Double.isNaN(reference)) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(value / reference).setScale(2, RoundingMode.HALF_UP);
    }

    private static List<Double> rates(List<Throughput> samples) {
        return samples.stream().map(Throughput::perSecond).collect(Collectors.toList());
    }

    private static <T> List<T> cast(List<Sample> samples, Class<T> type) {
        return samples.stream().map(type::cast).collect(Collectors.toList());
    }

}
