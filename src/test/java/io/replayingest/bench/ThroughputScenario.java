package io.replayingest.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares one large upload through the service with the same bytes sent by the AWS SDK straight to the same store.
 * The direct upload is a multipart upload with the same part size and parts in flight. The two alternate, after one
 * small warm-up of each.
 */
final class ThroughputScenario {

    private static final long WARM_UP_BYTES = 64L << 20;

    private final BenchSettings settings;
    private final PatternBody body;
    private final Path workDir;

    ThroughputScenario(BenchSettings settings, PatternBody body, Path workDir) {
        this.settings = settings;
        this.body = body;
        this.workDir = workDir;
    }

    void run(BenchStore store) throws Exception {
        System.out.printf("%n### Throughput, %s, %s body, load average %s%n%n", store.name(),
                BenchSettings.format(settings.largeBytes()), Figures.loadAverage());
        Path log = workDir.resolve("service-throughput-" + (store.tagging() ? "s3mock" : "s3proxy") + ".log");
        try (ServiceProcess service = ServiceProcess.start(store, List.of(), settings.serviceSettings(), log);
                DirectUploader direct = new DirectUploader(store, settings.partSizeBytes(),
                        settings.maxPartsInFlight())) {
            ServiceUploader uploader = new ServiceUploader(service.base(), body, Duration.ofMinutes(10));
            viaService(uploader, direct, 0, Math.min(WARM_UP_BYTES, settings.largeBytes()));
            viaDirect(direct, 0, Math.min(WARM_UP_BYTES, settings.largeBytes()));
            measure(uploader, direct);
            System.out.printf("%nService peak RSS over the whole scenario: %s. Load average at the end: %s.%n",
                    Figures.mib(service.peakRssBytes()), Figures.loadAverage());
        }
    }

    private void measure(ServiceUploader uploader, DirectUploader direct) throws Exception {
        List<Double> service = new ArrayList<>();
        List<Double> straight = new ArrayList<>();
        System.out.println("| run | through the service | direct to the store |");
        System.out.println("|---|---|---|");
        for (int run = 1; run <= settings.runs(); run++) {
            double serviceRate = viaService(uploader, direct, run, settings.largeBytes());
            double directRate = viaDirect(direct, run, settings.largeBytes());
            service.add(serviceRate);
            straight.add(directRate);
            System.out.printf("| %d | %s MiB/s | %s MiB/s |%n", run, Figures.decimal(serviceRate),
                    Figures.decimal(directRate));
        }
        double serviceMedian = Figures.median(service);
        double directMedian = Figures.median(straight);
        System.out.printf("| median | %s MiB/s | %s MiB/s |%n", Figures.decimal(serviceMedian),
                Figures.decimal(directMedian));
        System.out.printf("%nRatio service / direct (medians): %s%n", Figures.ratio(serviceMedian / directMedian));
    }

    private double viaService(ServiceUploader uploader, DirectUploader direct, int run, long size) {
        ServiceUploader.Result result = uploader.upload("throughput", run, size);
        if (!result.stored()) {
            throw new IllegalStateException("Upload through the service failed: " + result.detail());
        }
        direct.delete(BenchStore.BUCKET, String.format("%s/throughput/chunks/%06d", ServiceProcess.PROJECT, run));
        return Figures.mibPerSecond(size, result.nanos());
    }

    private double viaDirect(DirectUploader direct, int run, long size) throws InterruptedException {
        String key = "direct/throughput-" + run;
        long nanos = direct.upload(BenchStore.BUCKET, key, size, body);
        direct.delete(BenchStore.BUCKET, key);
        return Figures.mibPerSecond(size, nanos);
    }
}
