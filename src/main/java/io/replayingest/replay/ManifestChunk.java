package io.replayingest.replay;

import java.time.Instant;

/**
 * One chunk as the session manifest lists it.
 *
 * @param sha256 lowercase hex SHA-256 of the stored bytes, or null when the chunk was uploaded in several parts
 *        without a {@code Content-Digest} header, since the store then has no digest for it
 * @param contentEncoding as sent at upload, or null for none
 * @param uploadedAt when the store last modified the object
 */
public record ManifestChunk(int seq, String key, long bytes, String sha256, String contentType,
        String contentEncoding, Instant uploadedAt) {
}
