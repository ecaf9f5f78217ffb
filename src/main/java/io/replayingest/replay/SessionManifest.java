package io.replayingest.replay;

import java.time.Instant;
import java.util.List;

/**
 * The manifest stored as {@code {projectId}/{sessionId}/manifest.json} when a session is completed.
 *
 * @param chunks every chunk in ascending seq order
 */
public record SessionManifest(String projectId, String sessionId, Instant completedAt, int chunkCount,
        long totalBytes, List<ManifestChunk> chunks) {

    static SessionManifest of(SessionRef session, Instant completedAt, List<ManifestChunk> chunks) {
        long totalBytes = chunks.stream().mapToLong(ManifestChunk::bytes).sum();
        return new SessionManifest(session.projectId(), session.sessionId(), completedAt, chunks.size(), totalBytes,
                List.copyOf(chunks));
    }
}
