package io.replayingest.replay;

import java.net.URI;

/**
 * A chunk in the replay response, with a presigned GET URL that a browser fetches straight from the store.
 *
 * @param sha256 lowercase hex SHA-256 of the stored bytes, or null when the store has none
 * @param contentEncoding as sent at upload, or null for none; the store returns it, so browsers decode the body
 */
public record ReplayChunk(int seq, long bytes, String contentType, String contentEncoding, String sha256, URI url) {
}
