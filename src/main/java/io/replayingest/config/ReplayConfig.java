package io.replayingest.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Keys and URL lifetime of the replay API. */
@ConfigMapping(prefix = "replay")
public interface ReplayConfig {

    /**
     * Comma-separated {@code projectId:key} pairs that open replays, separate from the ingest keys. Unset means that
     * every replay request gets 401.
     */
    Optional<String> keys();

    /** Lifetime of presigned chunk URLs, default 15 minutes; SigV4 allows at most 7 days. */
    @WithDefault("15m")
    Duration urlTtl();
}
