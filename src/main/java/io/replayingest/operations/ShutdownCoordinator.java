package io.replayingest.operations;

import java.time.Duration;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.replayingest.config.ShutdownGraceConfig;
import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
import io.replayingest.ingest.ChunkUploadRoute;
import io.replayingest.ingest.UploadFailure;

/**
 * Stops the service without leaving uploads half-written. With {@code quarkus.shutdown.delay-enabled=true},
 * readiness goes down as soon as shutdown starts, while uploads are still accepted for {@code quarkus.shutdown.delay}.
 * Then new uploads get 503, uploads in progress get {@code shutdown.grace} to finish, and the rest are aborted.
 */
@ApplicationScoped
public class ShutdownCoordinator {

    private static final Logger LOG = Logger.getLogger(ShutdownCoordinator.class);
    /** How long the service waits for aborted uploads to reach the store before it closes the store client. */
    private static final Duration ABORT_WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 50;

    private final ServiceState state;
    private final ChunkUploadRoute uploads;
    private final ShutdownGraceConfig config;

    @Inject
    ShutdownCoordinator(ServiceState state, ChunkUploadRoute uploads, ShutdownGraceConfig config) {
        this.state = state;
        this.uploads = uploads;
        this.config = config;
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        LOG.info("shutdown started: readiness is down, uploads are still accepted during the shutdown delay");
        state.leaveReadiness();
    }

    /** Runs before other shutdown observers, while the HTTP server and the store client still work. */
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        state.stopAcceptingUploads();
        int running = uploads.runningUploads();
        LOG.infof("shutdown: new uploads are rejected, waiting up to %d ms for %d running uploads",
                config.grace().toMillis(), running);
        if (awaitNoUploads(config.grace())) {
            return;
        }
        LOG.warnf("shutdown: aborting %d uploads still running after shutdown.grace=%s", uploads.runningUploads(),
                config.grace());
        uploads.cancelRunning(new UploadFailure("shutdown", new ApiException(ErrorCode.SHUTTING_DOWN,
                "The service shut down before the upload ended; retry the upload", Map.of(), 1, null)));
        if (!awaitNoUploads(ABORT_WAIT)) {
            LOG.warnf("shutdown: %d uploads did not finish aborting; the stale-upload sweep or the bucket lifecycle"
                    + " rule removes what they left", uploads.runningUploads());
        }
    }

    private boolean awaitNoUploads(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (uploads.runningUploads() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
