package io.replayingest.ingest;

import java.time.Duration;

import io.replayingest.config.IngestConfig;

/**
 * Limits of one streamed upload.
 *
 * @param grainBytes how much buffer space an upload asks the {@link BufferBudget} for at a time
 */
public record UploadLimits(long partSizeBytes, int maxPartsInFlight, long maxBodyBytes, long grainBytes,
        Duration idleTimeout) {

    /** Budget requests are at most 1 MiB, so that small chunks do not reserve a whole part. */
    static final long MAX_GRAIN_BYTES = 1024 * 1024;

    public static UploadLimits from(IngestConfig config, long maxBodyBytes) {
        long partSize = config.partSize().asLongValue();
        return new UploadLimits(partSize, config.maxPartsInFlight(), maxBodyBytes,
                Math.min(MAX_GRAIN_BYTES, partSize), config.idleTimeout());
    }
}
