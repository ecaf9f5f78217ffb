package io.replayingest.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Many uploads started at once, each on its own connection and thread, against a fresh service each time. */
final class ConcurrencyScenario {

    /** Longer than the uploads take on a busy 2-core machine when they make progress at all. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(180);

    private final BenchSettings settings;
    private final PatternBody body;
    private final Path workDir;

    ConcurrencyScenario(BenchSettings settings, PatternBody body, Path workDir) {
        this.settings = settings;
        this.body = body;
        this.workDir = workDir;
    }

    /**
     * Runs the uploads twice: with the default buffer budget, and with a budget that fits every upload's bound of
     * part size x (parts in flight + 1) at once.
     */
    void run(BenchStore store) throws Exception {
        int uploads = settings.concurrentUploads();
        long fullBudget = uploads * settings.partSizeBytes() * (settings.maxPartsInFlight() + 1);
        System.out.printf("%n### %d concurrent uploads of %s, %s, load average %s%n%n", uploads,
                BenchSettings.format(settings.concurrentBytes()), store.name(), Figures.loadAverage());
        System.out.println("| buffer budget | stored | errors | total throughput | p50 latency | p99 latency"
                + " | max latency | service peak RSS |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        List<String> errors = new ArrayList<>();
        errors.addAll(runOnce(store, "256M (default)", Map.of()));
        errors.addAll(runOnce(store, Figures.mib(fullBudget),
                Map.of("INGEST_MAX_BUFFERED_BYTES", String.valueOf(fullBudget))));
        errors.forEach(error -> System.out.printf("%n%s%n", error));
        System.out.printf("%nLoad average at the end: %s.%n", Figures.loadAverage());
    }

    private List<String> runOnce(BenchStore store, String budgetLabel, Map<String, String> budget) throws Exception {
        Map<String, String> serviceSettings = new HashMap<>(settings.serviceSettings());
        serviceSettings.putAll(budget);
        Path log = workDir.resolve("service-concurrency-" + (budget.isEmpty() ? "default" : "full") + "-budget.log");
        try (ServiceProcess service = ServiceProcess.start(store, List.of(), serviceSettings, log);
                DirectUploader cleaner = new DirectUploader(store, settings.partSizeBytes(), 1)) {
            ServiceUploader uploader = new ServiceUploader(service.base(), body, UPLOAD_TIMEOUT);
            long start = System.nanoTime();
            List<ServiceUploader.Result> results = uploadAtOnce(uploader, settings.concurrentUploads());
            long wallNanos = System.nanoTime() - start;
            List<String> errors = report(budgetLabel, results, wallNanos, service.peakRssBytes());
            for (int i = 0; i < settings.concurrentUploads(); i++) {
                cleaner.delete(BenchStore.BUCKET, String.format("%s/concurrent-%d/chunks/000000",
                        ServiceProcess.PROJECT, i));
            }
            return errors;
        }
    }

    private List<ServiceUploader.Result> uploadAtOnce(ServiceUploader uploader, int uploads) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(uploads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ServiceUploader.Result>> futures = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                String session = "concurrent-" + i;
                futures.add(threads.submit(() -> {
                    go.await();
                    return uploader.upload(session, 0, settings.concurrentBytes());
                }));
            }
            go.countDown();
            List<ServiceUploader.Result> results = new ArrayList<>();
            for (Future<ServiceUploader.Result> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Prints one table row and returns one line per kind of error. */
    private List<String> report(String budgetLabel, List<ServiceUploader.Result> results, long wallNanos,
            long peakRssBytes) {
        List<Long> latencies = results.stream().map(ServiceUploader.Result::nanos).toList();
        long stored = results.stream().filter(ServiceUploader.Result::stored).count();
        Map<String, Integer> errors = new TreeMap<>();
        results.stream().filter(result -> !result.stored())
                .forEach(result -> errors.merge(result.detail(), 1, Integer::sum));
        System.out.printf("| %s | %d | %d | %s MiB/s | %s | %s | %s | %s |%n", budgetLabel, stored,
                results.size() - stored,
                Figures.decimal(Figures.mibPerSecond(stored * settings.concurrentBytes(), wallNanos)),
                Figures.seconds(Figures.percentile(latencies, 50)), Figures.seconds(Figures.percentile(latencies, 99)),
                Figures.seconds(Figures.percentile(latencies, 100)), Figures.mib(peakRssBytes));
        List<String> lines = new ArrayList<>();
        errors.forEach((detail, count) -> lines.add("Budget " + budgetLabel + ": " + count + " x " + detail));
        return lines;
    }
}
