package io.replayingest.ingest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A stored object as the upload API reports it.
 *
 * @param parts number of multipart parts, or 1 for an object stored with a single PutObject
 * @param sha256 lowercase hex SHA-256 of the body
 */
@RegisterForReflection(serialization = true)
public record UploadResult(String key, long bytes, int parts, String sha256, String etag) {
}
