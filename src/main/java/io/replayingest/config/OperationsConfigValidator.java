package io.replayingest.config;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/** Rejects invalid health, cleanup, shutdown and bucket setup settings at startup. */
@ApplicationScoped
public class OperationsConfigValidator {

    void onStart(@Observes StartupEvent event, IngestConfig ingest, HealthConfig health, CleanupConfig cleanup,
            ShutdownGraceConfig shutdown, BucketSetupConfig setup) {
        List<String> problems = problems(ingest, health, cleanup, shutdown, setup);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** Returns one message per invalid setting; empty when all are valid. */
    public static List<String> problems(IngestConfig ingest, HealthConfig health, CleanupConfig cleanup,
            ShutdownGraceConfig shutdown, BucketSetupConfig setup) {
        List<String> problems = new ArrayList<>();
        if (health.cacheTtl().isNegative()) {
            problems.add("health.cache-ttl=" + health.cacheTtl() + " is invalid: it must not be negative");
        }
        if (shutdown.grace().isNegative()) {
            problems.add("shutdown.grace=" + shutdown.grace() + " is invalid: it must not be negative");
        }
        if (cleanup.interval().isZero() || cleanup.interval().isNegative()) {
            problems.add("cleanup.interval=" + cleanup.interval() + " is invalid: it must be positive");
        }
        // A stalled upload is aborted after the idle timeout, and one still running at shutdown after the grace.
        var minimumAge = ingest.idleTimeout().plus(shutdown.grace());
        if (cleanup.maxAge().compareTo(minimumAge) <= 0) {
            problems.add("cleanup.max-age=" + cleanup.maxAge() + " is too short: it must exceed ingest.idle-timeout"
                    + " + shutdown.grace = " + minimumAge + ", and the longest time one upload may take");
        }
        if (setup.abortIncompleteAfter().toHours() < 24) {
            problems.add("storage.abort-incomplete-after=" + setup.abortIncompleteAfter() + " is too short: S3"
                    + " lifecycle rules count whole days, so use at least 1d");
        }
        setup.retentionDays().forEach((tag, days) -> {
            if (days == null || days < 1) {
                problems.add("storage.retention-days." + tag + "=" + days + " is invalid: use a whole number of"
                        + " days from 1");
            }
        });
        setup.corsOrigins().forEach(origin -> {
            if (origin.isBlank()) {
                problems.add("storage.cors-origins contains an empty origin: use * or origins such as"
                        + " https://app.example.com");
            }
        });
        return problems;
    }
}
