package io.replayingest.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bucket settings that the {@code setup} command applies. */
@ConfigMapping(prefix = "storage")
public interface BucketSetupConfig {

    /** Origins allowed to GET and HEAD objects from a browser (bucket CORS rule), default {@code *}. */
    @WithDefault("*")
    List<String> corsOrigins();

    /** Age after which the store itself aborts an incomplete multipart upload (lifecycle rule), default 1 day. */
    @WithDefault("1d")
    Duration abortIncompleteAfter();

    /**
     * Days after which a recording expires, per value of its {@code retention} tag, for example
     * {@code storage.retention-days.default=30}. Recordings with a tag value missing here never expire. The
     * defaults ({@code default} 30 days, {@code long} 365 days) are set in {@code application.properties}.
     */
    Map<String, Integer> retentionDays();
}
