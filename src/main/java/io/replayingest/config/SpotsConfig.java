package io.replayingest.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the spot recordings API. */
@ConfigMapping(prefix = "spots")
public interface SpotsConfig {

    /** Largest spot file, streamed through the service or uploaded directly, default 4G. */
    @WithDefault("4G")
    MemorySize maxSize();

    /** Lifetime of the presigned part URLs of a direct upload, default 1 hour. */
    @WithDefault("1h")
    Duration uploadUrlTtl();
}
