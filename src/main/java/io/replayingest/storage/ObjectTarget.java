package io.replayingest.storage;

import java.util.Map;

/**
 * Destination of an object and what it carries besides its bytes.
 *
 * @param contentEncoding stored as sent, or null for none
 * @param tags S3 tags, already validated; empty when tagging is off
 * @param metadata user metadata ({@code x-amz-meta-*})
 * @param cacheControl the {@code Cache-Control} that the store returns with the object, or null for none
 */
public record ObjectTarget(String bucket, String key, String contentType, String contentEncoding,
        Map<String, String> tags, Map<String, String> metadata, String cacheControl) {

    /** An object without a {@code Cache-Control} header. */
    public ObjectTarget(String bucket, String key, String contentType, String contentEncoding,
            Map<String, String> tags, Map<String, String> metadata) {
        this(bucket, key, contentType, contentEncoding, tags, metadata, null);
    }

    /** Returns the same target with other user metadata. */
    public ObjectTarget withMetadata(Map<String, String> newMetadata) {
        return new ObjectTarget(bucket, key, contentType, contentEncoding, tags, newMetadata, cacheControl);
    }
}
