package io.replayingest.testing;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service's {@code /q/metrics} page, parsed into series and values. */
public final class PrometheusText {

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Double> series;

    private PrometheusText(Map<String, Double> series) {
        this.series = series;
    }

    /** Scrapes the running test service. */
    public static PrometheusText scrape() {
        return parse(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    public static PrometheusText parse(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher matcher = LINE.matcher(line.trim());
            if (!line.startsWith("#") && matcher.matches()) {
                series.put(matcher.group(1) + "{" + (matcher.group(3) == null ? "" : matcher.group(3)) + "}",
                        Double.parseDouble(matcher.group(4)));
            }
        }
        return new PrometheusText(series);
    }

    /** Sum of all series of {@code name} whose labels include {@code labels} ("key", "value", ...); 0 if none. */
    public double sum(String name, String... labels) {
        return series.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(name + "{") && hasLabels(entry.getKey(), labels))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /** Series names (with labels) that start with {@code name}. */
    public java.util.List<String> seriesOf(String name) {
        return series.keySet().stream().filter(key -> key.startsWith(name + "{")).toList();
    }

    private static boolean hasLabels(String key, String... labels) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher matcher = LABEL.matcher(key.substring(key.indexOf('{')));
        while (matcher.find()) {
            found.put(matcher.group(1), matcher.group(2));
        }
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(found.get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
