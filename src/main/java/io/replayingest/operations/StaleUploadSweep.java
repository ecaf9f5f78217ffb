package io.replayingest.operations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.replayingest.config.CleanupConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.observability.IngestMetrics;
import io.replayingest.storage.ObjectStore;
import io.replayingest.storage.ObjectTarget;
import io.replayingest.storage.PendingUpload;
import io.replayingest.storage.StoreException;

/**
 * Aborts multipart uploads that were started more than {@code cleanup.max-age} ago in any of the four buckets, so
 * that a crashed or killed replica leaves no parts that are billed forever. Uploads younger than that age are never
 * touched, whichever replica writes them.
 */
@ApplicationScoped
public class StaleUploadSweep {

    private static final Logger LOG = Logger.getLogger(StaleUploadSweep.class);

    private final ObjectStore store;
    private final StorageConfig storage;
    private final CleanupConfig cleanup;
    private final IngestMetrics metrics;
    private final ServiceState state;

    @Inject
    StaleUploadSweep(ObjectStore store, StorageConfig storage, CleanupConfig cleanup, IngestMetrics metrics,
            ServiceState state) {
        this.state = state;
        this.store = store;
        this.storage = storage;
        this.cleanup = cleanup;
        this.metrics = metrics;
    }

    @Scheduled(identity = "stale-upload-sweep", every = "${cleanup.interval:1h}", delayed = "10s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    CompletionStage<Void> scheduledSweep() {
        if (!cleanup.enabled() || !state.acceptingUploads()) {
            return CompletableFuture.completedFuture(null);
        }
        Instant cutoff = Instant.now().minus(cleanup.maxAge());

        return sweep(cutoff).thenAccept(aborted -> LOG.debugf("stale-upload sweep done cutoff=%s aborted=%d",
                cutoff, aborted));
    }

    /** Aborts the uploads of all buckets initiated before {@code cutoff}; completes with how many it aborted. */
    public CompletableFuture<Integer> sweep(Instant cutoff) {
        List<String> buckets = List.of(storage.recordingsBucket(), storage.assetsBucket(), storage.sourcemapsBucket(),
                storage.spotsBucket());
        List<CompletableFuture<Integer>> sweeps = buckets.stream()
                .map(bucket -> sweepBucket(bucket, cutoff).exceptionally(error -> {
                    LOG.warnf("stale-upload sweep skipped bucket=%s: %s", bucket,
                            StoreException.from("ListMultipartUploads", error).getMessage());
                    return 0;
                }))
                .toList();

        return CompletableFuture.allOf(sweeps.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> sweeps.stream().mapToInt(CompletableFuture::join).sum());
    }

    private CompletableFuture<Integer> sweepBucket(String bucket, Instant cutoff) {
        return store.listMultipartUploads(bucket).thenCompose(uploads -> {
            List<CompletableFuture<Boolean>> aborts = uploads.stream()
                    .filter(upload -> upload.initiated() != null && upload.initiated().isBefore(cutoff))
                    .map(this::abort)
                    .toList();

            return CompletableFuture.allOf(aborts.toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> (int) aborts.stream().filter(CompletableFuture::join).count());
        });
    }

    private CompletableFuture<Boolean> abort(PendingUpload upload) {
        ObjectTarget target = new ObjectTarget(upload.bucket(), upload.key(), null, null, Map.of(), Map.of());

        return store.abortMultipartUpload(target, upload.uploadId()).handle((ignored, error) -> {
            if (error != null && StoreException.from("AbortMultipartUpload", error).kind()
                    == StoreException.Kind.NOT_FOUND) {
                // Completed or aborted by its writer or another replica in the meantime.
                return false;
            }
            if (error != null) {
                metrics.staleUploadSwept("failed");
                LOG.warnf("stale upload not aborted bucket=%s key=%s initiated=%s error=%s", upload.bucket(),
                        upload.key(), upload.initiated(), error.getMessage());
                return false;
            }
            metrics.staleUploadSwept("aborted");
            LOG.infof("stale upload aborted bucket=%s key=%s initiated=%s", upload.bucket(), upload.key(),
                    upload.initiated());
            return true;
        });
    }
}
