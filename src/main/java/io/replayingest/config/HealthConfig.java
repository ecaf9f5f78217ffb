package io.replayingest.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The storage self-check behind {@code /q/health/ready}. */
@ConfigMapping(prefix = "health")
public interface HealthConfig {

    /** How long a storage check result is reused before the next readiness probe runs a new one, default 30 seconds. */
    @WithDefault("30s")
    Duration cacheTtl();

    /** Whether the storage check runs once at startup and logs a summary; default true. */
    @WithDefault("true")
    boolean startupCheck();
}
