package io.replayingest.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.replayingest.error.ApiException;
import io.replayingest.observability.IngestMetrics;
import io.replayingest.storage.StoreAccessDenied;
import io.replayingest.storage.StoreException;

/**
 * Logs and counts the lifecycle of uploads. Log events carry {@code requestId}, {@code project} and
 * {@code session} as MDC fields, which the JSON log format writes as fields of their own.
 */
@ApplicationScoped
public class UploadEvents {

    private static final Logger LOG = Logger.getLogger(ChunkUploadRoute.class);

    private final IngestMetrics metrics;
    private final Event<StoreAccessDenied> accessDenied;

    @Inject
    UploadEvents(IngestMetrics metrics, Event<StoreAccessDenied> accessDenied) {
        this.metrics = metrics;
        this.accessDenied = accessDenied;
    }

    void bindBufferBudget(BufferBudget budget) {
        metrics.bindBufferBudget(budget::usedBytes, budget.capacityBytes(), budget::waiting);
    }

    void started() {
        metrics.uploadStarted(IngestMetrics.RECORDING);
    }

    void partStarted() {
        metrics.partStarted();
    }

    void partFinished() {
        metrics.partFinished();
    }

    void errorSent(ApiException error) {
        metrics.errorSent(error.code().name(), error.code().status());
    }

    void completed(String requestId, ChunkRef chunk, UploadResult result, long startNanos) {
        long durationNanos = System.nanoTime() - startNanos;
        metrics.uploadCompleted(IngestMetrics.RECORDING, result.bytes(), durationNanos);
        withMdc(requestId, chunk, () -> LOG.infof(
                "upload completed project=%s session=%s seq=%d bytes=%d parts=%d durationMs=%d outcome=completed",
                chunk.projectId(), chunk.sessionId(), chunk.seq(), result.bytes(), result.parts(),
                durationNanos / 1_000_000));
    }

    void aborted(String requestId, ChunkRef chunk, String bucket, StreamingUpload upload, UploadFailure failure,
            long startNanos) {
        long durationNanos = System.nanoTime() - startNanos;
        metrics.uploadAborted(IngestMetrics.RECORDING, failure.reason(), upload.receivedBytes(), durationNanos);
        withMdc(requestId, chunk, () -> logAborted(chunk, upload, failure, durationNanos));
        if (failure.error() != null && failure.error().getCause() instanceof StoreException store
                && store.kind() == StoreException.Kind.ACCESS_DENIED) {
            accessDenied.fire(new StoreAccessDenied(store.operation(), bucket));
        }
    }

    private static void logAborted(ChunkRef chunk, StreamingUpload upload, UploadFailure failure, long durationNanos) {
        if (failure.error() != null && failure.error().getCause() != null) {
            LOG.warnf("store call failed project=%s session=%s seq=%d error=%s", chunk.projectId(),
                    chunk.sessionId(), chunk.seq(), failure.error().getMessage());
        }
        LOG.infof(
                "upload aborted project=%s session=%s seq=%d bytes=%d parts=%d durationMs=%d outcome=aborted"
                        + " reason=%s%s",
                chunk.projectId(), chunk.sessionId(), chunk.seq(), upload.receivedBytes(), upload.partCount(),
                durationNanos / 1_000_000, failure.reason(),
                failure.error() == null ? "" : " error=" + failure.error().code());
    }

    private static void withMdc(String requestId, ChunkRef chunk, Runnable log) {
        MDC.put("requestId", requestId);
        MDC.put("project", chunk.projectId());
        MDC.put("session", chunk.sessionId());
        try {
            log.run();
        } finally {
            MDC.remove("requestId");
            MDC.remove("project");
            MDC.remove("session");
        }
    }
}
