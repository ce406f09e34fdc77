package io.cupnet.sample.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The samples of one Prometheus text scrape: {@code name{label="value",...} value} lines,
 * comments skipped.
 */
public record Scrape(List<Sample> samples) {

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)");

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher matcher = LINE.matcher(line);
            if (!line.startsWith("#") && matcher.find()) {
                samples.add(new Sample(matcher.group(1), labels(matcher.group(3)),
                        Double.parseDouble(matcher.group(4))));
            }
        }
        return new Scrape(samples);
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text != null) {
            Matcher matcher = LABEL.matcher(text);
            while (matcher.find()) {
                labels.put(matcher.group(1), matcher.group(2));
            }
        }
        return labels;
    }

    /** The names of every sample. */
    public Set<String> families() {
        return this.samples.stream().map(Sample::name).collect(Collectors.toSet());
    }

    /** The sum of the samples of a name whose labels include the given name-value pairs. */
    public double sum(String name, String... labels) {
        return this.samples.stream()
            .filter((sample) -> sample.name().equals(name) && sample.has(labels))
            .mapToDouble(Sample::value)
            .sum();
    }

    /** One line of the scrape. */
    public record Sample(String name, Map<String, String> labels, double value) {

        boolean has(String... pairs) {
            for (int i = 0; i < pairs.length; i += 2) {
                if (!pairs[i + 1].equals(this.labels.get(pairs[i]))) {
                    return false;
                }
            }
            return true;
        }

    }

}
