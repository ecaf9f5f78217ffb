package io.replayingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Measures the packaged service against real S3-compatible servers that it starts on 127.0.0.1, and prints the
 * figures as Markdown tables. It asserts nothing about time; {@code bench/run} builds the service and runs it.
 * Arguments are {@code key=value} settings, see {@link BenchSettings}.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.parse(args);
        Path workDir = Path.of("target", "bench");
        deleteRecursively(workDir.resolve("s3mock-data"));
        Files.createDirectories(workDir);
        // Stores and services run as child processes, so they are stopped when the benchmark is interrupted too.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.current().children().forEach(ProcessHandle::destroy)));

        PatternBody body = new PatternBody(42);
        printHeader(settings);

        boolean s3ProxyScenarios = settings.scenarios().contains("throughput")
                || settings.scenarios().contains("concurrency");
        if (s3ProxyScenarios && settings.stores().contains("s3proxy")) {
            try (BenchStore s3Proxy = BenchStore.s3Proxy(workDir, "6g")) {
                if (settings.scenarios().contains("throughput")) {
                    new ThroughputScenario(settings, body, workDir).run(s3Proxy);
                }
                if (settings.scenarios().contains("concurrency")) {
                    new ConcurrencyScenario(settings, body, workDir).run(s3Proxy);
                }
            }
        }

        boolean s3MockScenarios = settings.scenarios().contains("throughput") || settings.scenarios().contains("memory");
        if (s3MockScenarios && settings.stores().contains("s3mock")) {
            try (BenchStore s3Mock = BenchStore.s3Mock(workDir)) {
                if (settings.scenarios().contains("throughput")) {
                    new ThroughputScenario(settings, body, workDir).run(s3Mock);
                }
                if (settings.scenarios().contains("memory")) {
                    new MemoryScenario(settings, body, workDir).run(s3Mock);
                }
            }
        }
        System.out.printf("%nLoad average at the end of the benchmark: %s%n", Figures.loadAverage());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void printHeader(BenchSettings settings) {
        System.out.printf("## replay-ingest benchmark%n%n");
        System.out.printf("JDK %s (%s), %d cores, load average at the start %s%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(), Figures.loadAverage());
        System.out.printf("Service: part size %s, %d parts in flight, default buffer budget; logs in target/bench/%n",
                BenchSettings.format(settings.partSizeBytes()), settings.maxPartsInFlight());
    }
}
