package io.replayingest.storage;

import java.util.Map;

/**
 * Where an object goes and what it carries besides its bytes.
 *
 * @param contentEncoding stored as sent, or null for none
 * @param tags S3 tags, already validated; empty when tagging is off
 * @param metadata user metadata ({@code x-amz-meta-*})
 */
public record ObjectTarget(String bucket, String key, String contentType, String contentEncoding,
        Map<String, String> tags, Map<String, String> metadata) {
}
