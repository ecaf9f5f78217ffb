package io.replayingest.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the sourcemaps API. */
@ConfigMapping(prefix = "sourcemaps")
public interface SourcemapsConfig {

    /** Largest sourcemap, default 256M. */
    @WithDefault("256M")
    MemorySize maxSize();

    /** Lifetime of presigned PUT URLs for sourcemaps, default 30 minutes. */
    @WithDefault("30m")
    Duration uploadUrlTtl();
}
