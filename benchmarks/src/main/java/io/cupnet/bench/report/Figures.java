package io.cupnet.bench.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The named figures of one scenario, in order: written as the {@code RESULT} line and as a JSON object.
 */
public final class Figures {

    private final Map<String, Object> result = new LinkedHashMap<>();

    private final Map<String, Object> extra = new LinkedHashMap<>();

    /** Adds a figure to the RESULT line (and the JSON). */
    public Figures put(String key, Object value) {
        this.result.put(key, value);
        return this;
    }

    /** Adds a figure to the JSON only; {@code value} is written as is, so it must already be JSON. */
    public Figures putExtra(String key, Object value) {
        this.extra.put(key, value);
        return this;
    }

    /** A figure of the RESULT line. */
    public Object get(String key) {
        return this.result.get(key);
    }

    /** {@code RESULT key=value ...}. */
    public String resultLine() {
        return "RESULT " + this.result.entrySet()
            .stream()
            .map((entry) -> entry.getKey() + "=" + format(entry.getValue()))
            .collect(Collectors.joining(" "));
    }

    /** A JSON object of every figure. */
    public String json() {
        Map<String, Object> all = new LinkedHashMap<>(this.result);
        all.putAll(this.extra);
        return all.entrySet()
            .stream()
            .map((entry) -> "\"" + entry.getKey() + "\": " + jsonValue(entry.getValue()))
            .collect(Collectors.joining(", ", "{", "}"));
    }

    /** A number without needless decimals, or the text itself. */
    static String format(Object value) {
        if (value instanceof Double number) {
            if (number.isNaN() || number.isInfinite()) {
                return "null";
            }
            double rounded = Math.rint(number);
            if (Math.abs(number) >= 1000 || number == rounded) {
                return Long.toString(Math.round(number));
            }
            return String.format(Locale.ROOT, (Math.abs(number) < 10) ? "%.2f" : "%.1f", number);
        }
        return String.valueOf(value);
    }

    private static String jsonValue(Object value) {
        if (value instanceof String text && !text.startsWith("[")) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return format(value);
    }

}
