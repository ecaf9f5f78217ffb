package io.replayingest.observability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The service's own meters, all named under {@code replay.ingest} (Prometheus: {@code replay_ingest_}). Tag values
 * come from small fixed sets (kind, outcome, reason, operation, error code), never from ids, keys or paths, and the
 * success and failure series of one meter carry the same tag keys.
 */
@ApplicationScoped
public class IngestMetrics {

    static final String PREFIX = "replay.ingest.";
    /** Value of the {@code kind} tag for recording chunks. */
    public static final String RECORDING = "recording";

    /** Bucket bounds of the upload duration histogram, also used for store calls. */
    private static final Duration[] DURATION_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(300) };

    /** Bucket bounds of the upload size histogram in bytes: 1 KiB to 1 GiB in steps of 4. */
    private static final double[] SIZE_BUCKETS = {
            1L << 10, 1L << 12, 1L << 14, 1L << 16, 1L << 18, 1L << 20, 1L << 22, 1L << 24, 1L << 26, 1L << 28,
            1L << 30 };

    private final MeterRegistry registry;
    private final AtomicInteger partsInFlight = new AtomicInteger();

    @Inject
    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(PREFIX + "parts.in.flight", partsInFlight, AtomicInteger::get)
                .description("Multipart part uploads running now")
                .register(registry);
        // Registered at zero, so that rate() and increase() see the first upload.
        startedCounter(RECORDING);
        completedCounter(RECORDING);
    }

    /** Registers the gauges of the global buffer budget; the suppliers are held strongly. */
    public void bindBufferBudget(LongSupplier usedBytes, long capacityBytes, LongSupplier waiting) {
        Gauge.builder(PREFIX + "buffer.used.bytes", usedBytes, supplier -> supplier.getAsLong())
                .description("Body bytes held in memory by all uploads, granted by the buffer budget")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        Gauge.builder(PREFIX + "buffer.capacity.bytes", () -> capacityBytes)
                .description("Size of the buffer budget (ingest.max-buffered-bytes)")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder(PREFIX + "buffer.waiting", waiting, supplier -> supplier.getAsLong())
                .description("Uploads waiting for buffer space")
                .strongReference(true)
                .register(registry);
    }

    /** Counts an upload that passed validation and started streaming. */
    public void uploadStarted(String kind) {
        startedCounter(kind).increment();
    }

    /** Records an upload that ended with a stored object. */
    public void uploadCompleted(String kind, long bytes, long durationNanos) {
        completedCounter(kind).increment();
        uploadFinished(kind, "completed", bytes, durationNanos);
    }

    /** Records an upload that was aborted; {@code reason} is one of the bounded labels of the upload engine. */
    public void uploadAborted(String kind, String reason, long bytes, long durationNanos) {
        Counter.builder(PREFIX + "uploads.aborted")
                .description("Uploads that were aborted, by reason")
                .tag("kind", kind)
                .tag("reason", reason)
                .register(registry)
                .increment();
        uploadFinished(kind, "aborted", bytes, durationNanos);
    }

    private Counter startedCounter(String kind) {
        return Counter.builder(PREFIX + "uploads.started")
                .description("Uploads that passed validation and started streaming")
                .tag("kind", kind)
                .register(registry);
    }

    private Counter completedCounter(String kind) {
        return Counter.builder(PREFIX + "uploads.completed")
                .description("Uploads that ended with a stored object")
                .tag("kind", kind)
                .register(registry);
    }

    private void uploadFinished(String kind, String outcome, long bytes, long durationNanos) {
        Counter.builder(PREFIX + "received.bytes")
                .description("Body bytes received by finished uploads, completed or aborted")
                .baseUnit("bytes")
                .tag("kind", kind)
                .register(registry)
                .increment(bytes);
        Timer.builder(PREFIX + "upload.duration")
                .description("Time from the start of streaming to the stored object or the abort")
                .serviceLevelObjectives(DURATION_BUCKETS)
                .tag("kind", kind)
                .tag("outcome", outcome)
                .register(registry)
                .record(durationNanos, TimeUnit.NANOSECONDS);
        DistributionSummary.builder(PREFIX + "upload.size")
                .description("Body bytes of finished uploads")
                .baseUnit("bytes")
                .serviceLevelObjectives(SIZE_BUCKETS)
                .tag("kind", kind)
                .tag("outcome", outcome)
                .register(registry)
                .record(bytes);
    }

    public void partStarted() {
        partsInFlight.incrementAndGet();
    }

    public void partFinished() {
        partsInFlight.decrementAndGet();
    }

    /** Counts an error response by its stable code and HTTP status; 503s are the series with status 503. */
    public void errorSent(String code, int status) {
        Counter.builder(PREFIX + "errors")
                .description("Error responses sent, by error code and HTTP status")
                .tag("code", code)
                .tag("status", String.valueOf(status))
                .register(registry)
                .increment();
    }

    /**
     * Records one call to the object store.
     *
     * @param outcome {@code success}, {@code cancelled} or the failure class such as {@code access_denied}
     */
    public void storeCall(String operation, String outcome, long durationNanos) {
        Timer.builder(PREFIX + "store.requests")
                .description("Calls to the object store, by S3 operation and outcome")
                .serviceLevelObjectives(DURATION_BUCKETS)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry)
                .record(durationNanos, TimeUnit.NANOSECONDS);
    }

    /** Counts a presigned URL handed out, by bucket (one of the four configured names). */
    public void presignedUrlIssued(String bucket) {
        Counter.builder(PREFIX + "presigned.urls")
                .description("Presigned GET URLs issued, by bucket")
                .tag("bucket", bucket)
                .register(registry)
                .increment();
    }

    /**
     * Counts a replay API request.
     *
     * @param endpoint {@code replay} (the session's chunk list) or {@code chunk} (redirect to one chunk)
     * @param outcome {@code success} or the error code sent, such as {@code NOT_FOUND}
     */
    public void replayRequest(String endpoint, String outcome) {
        Counter.builder(PREFIX + "replay.requests")
                .description("Replay API requests, by endpoint and outcome")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** Counts stale multipart uploads that the sweep found, by whether it aborted them. */
    public void staleUploadSwept(String outcome) {
        Counter.builder(PREFIX + "stale.uploads")
                .description("Stale multipart uploads found by the sweep, by outcome (aborted, failed)")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
