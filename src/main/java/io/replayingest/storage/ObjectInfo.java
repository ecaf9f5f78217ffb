package io.replayingest.storage;

import java.time.Instant;
import java.util.Map;

/**
 * Properties of a stored object, as HeadObject returns them.
 *
 * @param contentEncoding as stored at upload, or null for none
 * @param metadata user metadata ({@code x-amz-meta-*}) with lowercase names
 */
public record ObjectInfo(String key, long bytes, String contentType, String contentEncoding, Instant lastModified,
        Map<String, String> metadata) {
}
