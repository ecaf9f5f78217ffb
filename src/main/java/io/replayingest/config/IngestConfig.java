package io.replayingest.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and credentials of the chunk upload API. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    /** Comma-separated {@code projectId:key} pairs; a project may appear more than once so that keys can be rotated. */
    Optional<String> keys();

    /** Whether uploads need an ingest key; default true. Turning it off must be explicit. */
    @WithDefault("true")
    boolean auth();

    /** Size of each multipart part, default 8M; S3 allows 5 MiB to 5 GiB. */
    @WithDefault("8M")
    MemorySize partSize();

    /** Part uploads running at once for one request, default 2; the request body is not read while that many run. */
    @WithDefault("2")
    int maxPartsInFlight();

    /** Bytes that all uploads together may hold in memory, default 256M. */
    @WithDefault("256M")
    MemorySize maxBufferedBytes();

    /** How long a new upload waits for buffer space before it gets 503, default 2 seconds. */
    @WithDefault("2s")
    Duration bufferWait();

    /** Largest accepted chunk body, default 1G; larger bodies get 413. */
    @WithDefault("1G")
    MemorySize maxChunkSize();

    /** How long an upload may receive no body bytes before it is aborted, default 30 seconds. */
    @WithDefault("30s")
    Duration idleTimeout();

    /** Value of the {@code retention} tag for projects that {@link #retention()} does not list, default {@code default}. */
    @WithDefault("default")
    String defaultRetention();

    /** Value of the {@code retention} tag per project id, for example {@code ingest.retention.shop=long}. */
    Map<String, String> retention();
}
