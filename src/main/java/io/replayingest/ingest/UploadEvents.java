package io.replayingest.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

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

    private static final Logger LOG = Logger.getLogger(StreamingUploadHandler.class);

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

    void started(String kind) {
        metrics.uploadStarted(kind);
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

    void completed(String requestId, UploadPlan plan, UploadResult result, long startNanos) {
        long durationNanos = System.nanoTime() - startNanos;
        metrics.uploadCompleted(plan.kind(), result.bytes(), durationNanos);
        withMdc(requestId, plan, () -> LOG.infof(
                "upload completed kind=%s %s bytes=%d parts=%d durationMs=%d outcome=completed", plan.kind(),
                plan.logFields(), result.bytes(), result.parts(), durationNanos / 1_000_000));
    }

    void aborted(String requestId, UploadPlan plan, StreamingUpload upload, UploadFailure failure, long startNanos) {
        long durationNanos = System.nanoTime() - startNanos;
        metrics.uploadAborted(plan.kind(), failure.reason(), upload.receivedBytes(), durationNanos);
        withMdc(requestId, plan, () -> logAborted(plan, upload, failure, durationNanos));
        if (failure.error() != null && failure.error().getCause() instanceof StoreException store
                && store.kind() == StoreException.Kind.ACCESS_DENIED) {
            accessDenied.fire(new StoreAccessDenied(store.operation(), plan.target().bucket()));
        }
    }

    private static void logAborted(UploadPlan plan, StreamingUpload upload, UploadFailure failure,
            long durationNanos) {
        if (failure.error() != null && failure.error().getCause() != null) {
            LOG.warnf("store call failed kind=%s %s error=%s", plan.kind(), plan.logFields(),
                    failure.error().getCause().getMessage());
        }
        LOG.infof("upload aborted kind=%s %s bytes=%d parts=%d durationMs=%d outcome=aborted reason=%s%s",
                plan.kind(), plan.logFields(), upload.receivedBytes(), upload.partCount(), durationNanos / 1_000_000,
                failure.reason(), failure.error() == null ? "" : " error=" + failure.error().code());
    }

    /** Puts the request id and the plan's {@code name=value} log fields (project, session, ...) into the MDC. */
    private static void withMdc(String requestId, UploadPlan plan, Runnable log) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", requestId);
        for (String field : plan.logFields().split(" ")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(field.substring(0, equals), field.substring(equals + 1));
            }
        }
        fields.forEach((name, value) -> {
            if (value != null) {
                MDC.put(name, value);
            }
        });
        try {
            log.run();
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }
}
