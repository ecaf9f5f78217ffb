package io.replayingest.replay;

import java.time.Instant;
import java.util.List;

/**
 * The replay of a session: where to download its chunks, in ascending seq order.
 *
 * @param source {@code manifest} when the session was completed, {@code listing} for a live session
 * @param expiresAt the earliest instant at which one of the URLs expires
 */
public record ReplayResponse(String projectId, String sessionId, String source, Instant expiresAt,
        List<ReplayChunk> chunks) {
}
