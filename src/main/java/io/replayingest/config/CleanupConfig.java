package io.replayingest.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The scheduled sweep that aborts stale multipart uploads. */
@ConfigMapping(prefix = "cleanup")
public interface CleanupConfig {

    /** Whether the sweep runs; default true. */
    @WithDefault("true")
    boolean enabled();

    /** Time between two sweeps, default 1 hour; the first sweep runs soon after startup. */
    @WithDefault("1h")
    Duration interval();

    /**
     * Age after which a multipart upload counts as stale and is aborted, default 24 hours. It must exceed the
     * longest time any replica may spend writing one upload.
     */
    @WithDefault("24h")
    Duration maxAge();
}
