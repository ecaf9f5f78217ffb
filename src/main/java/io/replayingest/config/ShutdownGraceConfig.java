package io.replayingest.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What happens to uploads in progress when the service receives SIGTERM. */
@ConfigMapping(prefix = "shutdown")
public interface ShutdownGraceConfig {

    /** How long uploads in progress may run on after SIGTERM before they are aborted, default 30 seconds. */
    @WithDefault("30s")
    Duration grace();
}
