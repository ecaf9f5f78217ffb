package io.replayingest.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Benchmark settings from {@code key=value} arguments. Sizes take the suffixes K, M and G (powers of 1024).
 *
 * @param largeBytes body of the throughput runs and the first memory run
 * @param hugeBytes body of the second memory run
 * @param runs service and direct runs each, alternating
 * @param concurrentUploads uploads started at once in the concurrency run
 * @param concurrentBytes body of each concurrent upload
 * @param partSizeBytes {@code ingest.part-size}, also used by the direct client
 * @param maxPartsInFlight {@code ingest.max-parts-in-flight}, also used by the direct client
 * @param scenarios which of {@code throughput}, {@code concurrency} and {@code memory} to run
 * @param stores which of {@code s3proxy} (throughput, concurrency) and {@code s3mock} (throughput, memory) to start
 */
record BenchSettings(long largeBytes, long hugeBytes, int runs, int concurrentUploads, long concurrentBytes,
        long partSizeBytes, int maxPartsInFlight, Set<String> scenarios, Set<String> stores) {

    static final Set<String> ALL_SCENARIOS = Set.of("throughput", "concurrency", "memory");
    static final Set<String> ALL_STORES = Set.of("s3proxy", "s3mock");
    private static final Map<String, String> DEFAULTS = Map.of(
            "large", "1G",
            "huge", "4G",
            "runs", "3",
            "concurrent", "100",
            "concurrent-size", "16M",
            "part-size", "8M",
            "in-flight", "2",
            "scenarios", "throughput,concurrency,memory",
            "stores", "s3proxy,s3mock");

    static BenchSettings parse(String[] args) {
        Map<String, String> values = new HashMap<>(DEFAULTS);
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 0 || !DEFAULTS.containsKey(arg.substring(0, equals))) {
                throw new IllegalArgumentException("Invalid argument '" + arg + "'; expected key=value with a key of "
                        + DEFAULTS.keySet());
            }
            values.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        Set<String> scenarios = names(values, "scenarios", ALL_SCENARIOS);
        Set<String> stores = names(values, "stores", ALL_STORES);
        return new BenchSettings(size(values.get("large")), size(values.get("huge")),
                Integer.parseInt(values.get("runs")), Integer.parseInt(values.get("concurrent")),
                size(values.get("concurrent-size")), size(values.get("part-size")),
                Integer.parseInt(values.get("in-flight")), scenarios, stores);
    }

    private static Set<String> names(Map<String, String> values, String key, Set<String> allowed) {
        Set<String> names = Set.copyOf(List.of(values.get(key).split(",")));
        if (!allowed.containsAll(names)) {
            throw new IllegalArgumentException("Invalid " + key + " '" + values.get(key) + "'; allowed: " + allowed);
        }
        return names;
    }

    /** Settings of the service under test, as environment variables. */
    Map<String, String> serviceSettings() {
        return Map.of(
                "INGEST_PART_SIZE", String.valueOf(partSizeBytes),
                "INGEST_MAX_PARTS_IN_FLIGHT", String.valueOf(maxPartsInFlight),
                "INGEST_MAX_CHUNK_SIZE", String.valueOf(Math.max(largeBytes, hugeBytes)));
    }

    static long size(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        long unit = switch (value.isEmpty() ? ' ' : value.charAt(value.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? value : value.substring(0, value.length() - 1);
        return Long.parseLong(digits) * unit;
    }

    static String format(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + " GiB";
        }
        return bytes % (1L << 20) == 0 ? bytes / (1L << 20) + " MiB" : bytes + " B";
    }
}
