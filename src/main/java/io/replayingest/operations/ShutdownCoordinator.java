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
import io.replayingest.ingest.StreamingUploadHandler;
import io.replayingest.ingest.UploadFailure;

/**
 * Stops the service without leaving uploads half-written: readiness goes down and new uploads get 503, uploads in
 * progress get {@code shutdown.grace} to finish, and the rest are aborted.
 * <p>
 * This has to happen while the HTTP server still runs, and Quarkus closes the server before it fires
 * {@link ShutdownEvent}. So the work runs on {@link ShutdownDelayInitiatedEvent}, which Quarkus fires first when it
 * is built with {@code quarkus.shutdown.delay-enabled=true}, and waits for. The {@link ShutdownEvent} observer only
 * covers launches where that event does not fire, such as dev mode.
 */
@ApplicationScoped
public class ShutdownCoordinator {

    private static final Logger LOG = Logger.getLogger(ShutdownCoordinator.class);
    /** How long the service waits for cancelled uploads to finish aborting in the store. */
    private static final Duration ABORT_WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 50;

    private final ServiceState state;
    private final StreamingUploadHandler uploads;
    private final ShutdownGraceConfig config;
    private boolean drained;

    @Inject
    ShutdownCoordinator(ServiceState state, StreamingUploadHandler uploads, ShutdownGraceConfig config) {
        this.state = state;
        this.uploads = uploads;
        this.config = config;
    }

    void onShutdownStarted(@Observes ShutdownDelayInitiatedEvent event) {
        drain();
    }

    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        drain();
    }

    /** Rejects new uploads, waits up to the grace for running ones, then aborts the rest; runs once. */
    synchronized void drain() {
        if (drained) {
            return;
        }
        drained = true;
        state.stopAcceptingUploads();
        LOG.infof("shutdown started: readiness is down, new uploads get 503, %d running uploads get up to %d ms",
                uploads.runningUploads(), config.grace().toMillis());
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
