package io.replayingest.storage;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A presigned PUT URL.
 *
 * @param headers headers that were signed besides {@code host}; the client must send them with exactly these values
 * @param expiresAt the instant after which the store rejects the URL
 */
public record PresignedPut(URI url, Instant expiresAt, Map<String, String> headers) {
}
