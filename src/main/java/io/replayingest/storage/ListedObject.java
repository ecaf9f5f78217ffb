package io.replayingest.storage;

import java.time.Instant;

/** An object as ListObjectsV2 returns it. */
public record ListedObject(String key, long bytes, Instant lastModified) {
}
