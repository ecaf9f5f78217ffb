package io.replayingest.operations;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.replayingest.config.HealthConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.storage.ObjectStore;
import io.replayingest.storage.ObjectTarget;
import io.replayingest.storage.StoreAccessDenied;
import io.replayingest.storage.StoreException;

/**
 * Checks that each bucket exists and that the credentials can do what the service needs: put, get, tag, list and
 * read the location, with a small probe object under {@link #PROBE_PREFIX} that is deleted again when the
 * credentials allow it. Results are reused for {@code health.cache-ttl}, and concurrent callers share one check in
 * flight. A change of state is logged once, not once per probe.
 */
@ApplicationScoped
public class StorageCheck {

    /** Key prefix of probe objects; keys of recordings never start with a dot. */
    public static final String PROBE_PREFIX = ".replay-ingest-probe/";
    private static final Logger LOG = Logger.getLogger(StorageCheck.class);
    private static final byte[] PROBE_BODY = "replay-ingest readiness probe\n".getBytes(StandardCharsets.UTF_8);

    private final ObjectStore store;
    private final StorageConfig storage;
    private final HealthConfig health;

    private StorageReport cached;
    private long cachedAtNanos;
    private CompletableFuture<StorageReport> running;
    private String loggedState;

    @Inject
    StorageCheck(ObjectStore store, StorageConfig storage, HealthConfig health) {
        this.store = store;
        this.storage = storage;
        this.health = health;
    }

    /** Returns the cached report while it is younger than {@code health.cache-ttl}, or runs a new check. */
    public synchronized CompletableFuture<StorageReport> report() {
        if (cached != null && System.nanoTime() - cachedAtNanos < health.cacheTtl().toNanos()) {
            return CompletableFuture.completedFuture(cached);
        }
        return refresh();
    }

    /** Runs a new check unless one is already running, and returns its report. */
    public synchronized CompletableFuture<StorageReport> refresh() {
        if (running == null) {
            CompletableFuture<StorageReport> check = checkAll();
            running = check;
            check.thenAccept(this::store);
        }
        return running;
    }

    private synchronized void store(StorageReport report) {
        cached = report;
        cachedAtNanos = System.nanoTime();
        running = null;
        logIfChanged(report);
    }

    /** Fails readiness after the store denied an upload, until the next check passes. */
    void onAccessDenied(@Observes StoreAccessDenied denied) {
        synchronized (this) {
            StorageReport base = cached != null ? cached : new StorageReport(List.of(), Instant.now(), null);
            cached = base.withDenied(denied.operation(), denied.bucket());
            cachedAtNanos = System.nanoTime();
            logIfChanged(cached);
        }
    }

    private void logIfChanged(StorageReport report) {
        String state = report.summary();
        if (state.equals(loggedState)) {
            return;
        }
        boolean first = loggedState == null;
        loggedState = state;
        if (report.ok()) {
            LOG.infof("storage check %s: %s", first ? "passed" : "passes again", state);
        } else {
            LOG.warnf("storage check failed: %s", state);
        }
    }

    private CompletableFuture<StorageReport> checkAll() {
        List<String> buckets = List.of(storage.recordingsBucket(), storage.assetsBucket(),
                storage.sourcemapsBucket(), storage.spotsBucket());
        List<CompletableFuture<BucketStatus>> checks = buckets.stream().map(this::checkBucket).toList();

        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> new StorageReport(checks.stream().map(CompletableFuture::join).toList(),
                        Instant.now(), null));
    }

    private CompletableFuture<BucketStatus> checkBucket(String bucket) {
        Probe probe = new Probe(bucket, PROBE_PREFIX + UUID.randomUUID());

        return probe.attempt("s3:ListBucket", () -> store.headBucket(bucket))
                .thenCompose(exists -> probe.stopped ? done()
                        : probe.attempt("s3:GetBucketLocation", () -> store.getBucketLocation(bucket))
                                .thenCompose(ignored -> probe.attempt("s3:PutObject", () -> store.putObject(
                                        probeTarget(bucket, probe.key), List.of(ByteBuffer.wrap(PROBE_BODY)),
                                        PROBE_BODY.length)))
                                .thenCompose(stored -> stored ? checkProbeObject(probe) : done())
                                .thenCompose(ignored -> probe.attempt("s3:ListBucket",
                                        () -> store.listObjects(bucket, PROBE_PREFIX))))
                .thenApply(ignored -> probe.status());
    }

    /** Tags, reads and deletes the stored probe object. */
    private CompletableFuture<Boolean> checkProbeObject(Probe probe) {
        CompletableFuture<Boolean> tagged = storage.tagging()
                ? probe.attempt("s3:PutObjectTagging",
                        () -> store.putObjectTagging(probe.bucket, probe.key, Map.of("kind", "probe")))
                        .thenCompose(ignored -> probe.attempt("s3:GetObjectTagging",
                                () -> store.getObjectTagging(probe.bucket, probe.key)))
                : done();

        return tagged.thenCompose(ignored -> probe.attempt("s3:GetObject",
                () -> store.getObject(probe.bucket, probe.key)))
                .thenCompose(ignored -> store.deleteObject(probe.bucket, probe.key).handle((deleted, error) -> {
                    if (error != null) {
                        // Deleting is not among the permissions the service needs, so a denial is no failure.
                        LOG.debugf("probe object left in place bucket=%s key=%s error=%s", probe.bucket, probe.key,
                                error.getMessage());
                    }
                    return true;
                }));
    }

    private static ObjectTarget probeTarget(String bucket, String key) {
        return new ObjectTarget(bucket, key, "text/plain", null, Map.of(), Map.of());
    }

    private static CompletableFuture<Boolean> done() {
        return CompletableFuture.completedFuture(true);
    }

    /** Findings of one bucket's check so far. Its steps run one after another, never at once. */
    private static final class Probe {
        final String bucket;
        final String key;
        final Set<String> missing = new LinkedHashSet<>();
        final List<String> problems = new ArrayList<>();
        /** Set when the bucket is missing or the store unreachable, so that later steps would only repeat it. */
        boolean stopped;

        Probe(String bucket, String key) {
            this.bucket = bucket;
            this.key = key;
        }

        /** Runs one step and records a denial as a missing permission; completes with whether the step passed. */
        CompletableFuture<Boolean> attempt(String permission, Supplier<CompletableFuture<?>> call) {
            return call.get().handle((value, error) -> {
                if (error == null) {
                    return true;
                }
                StoreException failure = StoreException.from(permission, error);
                switch (failure.kind()) {
                    case ACCESS_DENIED -> missing.add(permission);
                    case NOT_FOUND -> {
                        if ("HeadBucket".equals(failure.operation()) || "NoSuchBucket".equals(failure.errorCode())) {
                            problems.add("bucket does not exist (" + failure.getMessage() + ")");
                            stopped = true;
                        } else {
                            problems.add(failure.getMessage());
                        }
                    }
                    case UNAVAILABLE -> {
                        problems.add("store unavailable (" + failure.getMessage() + ")");
                        stopped = true;
                    }
                    case FAILED -> problems.add(failure.getMessage());
                }
                return false;
            });
        }

        BucketStatus status() {
            return new BucketStatus(bucket, List.copyOf(missing), List.copyOf(problems));
        }
    }
}
