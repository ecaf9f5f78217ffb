package io.replayingest.ingest;

import java.time.Duration;

import io.replayingest.config.IngestConfig;

/** Limits of one streamed upload. */
public record UploadLimits(long partSizeBytes, int maxPartsInFlight, long maxBodyBytes, Duration idleTimeout) {

    public static UploadLimits from(IngestConfig config, long maxBodyBytes) {
        return new UploadLimits(config.partSize().asLongValue(), config.maxPartsInFlight(), maxBodyBytes,
                config.idleTimeout());
    }
}
