package io.replayingest.replay;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.replayingest.config.ReplayConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
import io.replayingest.ingest.ChunkRef;
import io.replayingest.storage.ObjectStore;
import io.replayingest.storage.PresignedUrl;
import io.smallrye.mutiny.Uni;

/** Builds replays: presigned GET URLs for the chunks of a session, signed locally without calling the store. */
@ApplicationScoped
public class ReplayService {

    private final ObjectStore store;
    private final ManifestService manifests;
    private final ChunkCatalog catalog;
    private final String bucket;
    private final Duration urlTtl;

    @Inject
    ReplayService(ObjectStore store, ManifestService manifests, ChunkCatalog catalog, StorageConfig storage,
            ReplayConfig replay) {
        this.store = store;
        this.manifests = manifests;
        this.catalog = catalog;
        this.bucket = storage.recordingsBucket();
        this.urlTtl = replay.urlTtl();
    }

    /** Returns the replay from the manifest when the session was completed, otherwise from a listing of its chunks. */
    public Uni<ReplayResponse> replay(SessionRef session) {
        return manifests.read(session)
                .onItem().transformToUni(manifest -> manifest.isPresent()
                        ? Uni.createFrom().item(toReplay(session, "manifest", manifest.get().chunks()))
                        : catalog.chunks(session).map(chunks -> toReplay(session, "listing", chunks)));
    }

    /** Returns a presigned GET URL of one chunk after checking that it exists. */
    public Uni<URI> chunkUrl(ChunkRef chunk) {
        return Uni.createFrom().completionStage(() -> store.headObject(bucket, chunk.objectKey()))
                .onFailure(ChunkCatalog::isNotFound).transform(error -> chunkNotFound(chunk))
                .map(info -> store.presignGet(bucket, chunk.objectKey(), urlTtl).url());
    }

    private ReplayResponse toReplay(SessionRef session, String source, List<ManifestChunk> chunks) {
        if (chunks.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Session '" + session.sessionId() + "' of project '"
                    + session.projectId() + "' has no chunks", Map.of("projectId", session.projectId(),
                            "sessionId", session.sessionId()));
        }
        List<ManifestChunk> sorted = chunks.stream().sorted(Comparator.comparingInt(ManifestChunk::seq)).toList();
        List<ReplayChunk> replayChunks = new ArrayList<>(sorted.size());
        Instant expiresAt = Instant.MAX;
        for (ManifestChunk chunk : sorted) {
            PresignedUrl url = store.presignGet(bucket, chunk.key(), urlTtl);
            replayChunks.add(new ReplayChunk(chunk.seq(), chunk.bytes(), chunk.contentType(), chunk.contentEncoding(),
                    chunk.sha256(), url.url()));
            expiresAt = url.expiresAt().isBefore(expiresAt) ? url.expiresAt() : expiresAt;
        }
        return new ReplayResponse(session.projectId(), session.sessionId(), source, expiresAt, replayChunks);
    }

    private static ApiException chunkNotFound(ChunkRef chunk) {
        return new ApiException(ErrorCode.NOT_FOUND, "Chunk " + chunk.seq() + " of session '" + chunk.sessionId()
                + "' in project '" + chunk.projectId() + "' does not exist", Map.of("projectId", chunk.projectId(),
                        "sessionId", chunk.sessionId(), "seq", chunk.seq()));
    }
}
