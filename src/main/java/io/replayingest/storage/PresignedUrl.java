package io.replayingest.storage;

import java.net.URI;
import java.time.Instant;

/** A presigned GET URL and the instant after which the store rejects it. */
public record PresignedUrl(URI url, Instant expiresAt) {
}
