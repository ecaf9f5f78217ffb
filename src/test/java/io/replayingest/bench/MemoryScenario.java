package io.replayingest.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The service's peak resident set during one upload of each size, with the default heap and with a small one. Each
 * figure comes from a fresh service process, warmed up with a few small uploads first, because the kernel's
 * high-water mark covers the whole life of a process.
 */
final class MemoryScenario {

    private static final long WARM_UP_BYTES = 16L << 20;
    private static final int WARM_UP_UPLOADS = 3;

    private final BenchSettings settings;
    private final PatternBody body;
    private final Path workDir;

    MemoryScenario(BenchSettings settings, PatternBody body, Path workDir) {
        this.settings = settings;
        this.body = body;
        this.workDir = workDir;
    }

    void run(BenchStore store) throws Exception {
        long bound = settings.partSizeBytes() * (settings.maxPartsInFlight() + 1);
        System.out.printf("%n### Peak RSS, %s, load average %s%n%n", store.name(), Figures.loadAverage());
        System.out.printf("Body bytes one upload may hold: part size x (in flight + 1) = %s.%n%n", Figures.mib(bound));
        System.out.println("| JVM options | body | RSS after warm-up | peak RSS | peak - warm-up | upload rate | response |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (List<String> jvmOptions : List.of(List.<String>of(), List.of("-Xmx128m"))) {
            for (long size : List.of(settings.largeBytes(), settings.hugeBytes())) {
                measure(store, jvmOptions, size);
            }
        }
        System.out.printf("%nLoad average at the end: %s.%n", Figures.loadAverage());
    }

    private void measure(BenchStore store, List<String> jvmOptions, long size) throws Exception {
        String label = jvmOptions.isEmpty() ? "default heap" : String.join(" ", jvmOptions);
        Path log = workDir.resolve("service-memory-" + (jvmOptions.isEmpty() ? "default" : "xmx128m") + "-"
                + BenchSettings.format(size).replace(" ", "") + ".log");
        try (ServiceProcess service = ServiceProcess.start(store, jvmOptions, settings.serviceSettings(), log);
                DirectUploader cleaner = new DirectUploader(store, settings.partSizeBytes(), 1)) {
            ServiceUploader uploader = new ServiceUploader(service.base(), body, Duration.ofMinutes(15));
            for (int i = 0; i < WARM_UP_UPLOADS; i++) {
                check(uploader.upload("memory-warm-up", i, WARM_UP_BYTES));
            }
            long warmRss = service.rssBytes();
            // The body has been streamed even when the store fails to complete the upload, so the peak still counts.
            ServiceUploader.Result result = uploader.upload("memory", 0, size);
            long peak = service.peakRssBytes();
            System.out.printf("| %s | %s | %s | %s | %s | %s MiB/s | %s |%n", label, BenchSettings.format(size),
                    Figures.mib(warmRss), Figures.mib(peak), Figures.mib(peak - warmRss),
                    Figures.decimal(Figures.mibPerSecond(size, result.nanos())), result.detail());
            cleaner.delete(BenchStore.BUCKET, ServiceProcess.PROJECT + "/memory/chunks/000000");
            for (int i = 0; i < WARM_UP_UPLOADS; i++) {
                cleaner.delete(BenchStore.BUCKET, String.format("%s/memory-warm-up/chunks/%06d",
                        ServiceProcess.PROJECT, i));
            }
        }
    }

    private static void check(ServiceUploader.Result result) {
        if (!result.stored()) {
            throw new IllegalStateException("Upload through the service failed: " + result.detail());
        }
    }
}
