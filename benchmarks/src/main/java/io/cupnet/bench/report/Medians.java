package io.cupnet.bench.report;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Medians over the rounds of one contender.
 */
public final class Medians {

    private Medians() {
    }

    /** The median of {@code value} over {@code samples}; the mean of the middle two for an even count. */
    public static <T> double of(List<T> samples, ToDoubleFunction<T> value) {
        double[] values = samples.stream().mapToDouble(value).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** Formats {@code values} as a JSON array. */
    static String jsonArray(List<Double> values) {
        return Arrays.toString(values.stream().map(Figures::format).toArray());
    }

}
