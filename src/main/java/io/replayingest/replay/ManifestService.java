package io.replayingest.replay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.replayingest.config.IngestConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
import io.replayingest.ingest.ObjectTags;
import io.replayingest.storage.ObjectStore;
import io.replayingest.storage.ObjectTarget;
import io.smallrye.mutiny.Uni;

/** Writes and reads session manifests ({@code {projectId}/{sessionId}/manifest.json} in the recordings bucket). */
@ApplicationScoped
public class ManifestService {

    private static final Logger LOG = Logger.getLogger(ManifestService.class);
    private static final String CONTENT_TYPE = "application/json";

    private final ObjectStore store;
    private final ChunkCatalog catalog;
    private final IngestConfig ingest;
    private final StorageConfig storage;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    @Inject
    ManifestService(ObjectStore store, ChunkCatalog catalog, IngestConfig ingest, StorageConfig storage,
            ObjectMapper mapper) {
        this.store = store;
        this.catalog = catalog;
        this.ingest = ingest;
        this.storage = storage;
        this.mapper = mapper;
    }

    /**
     * Lists the session's chunks and writes the manifest, replacing an earlier one so that late chunks are included.
     *
     * @throws ApiException 404 through the returned Uni when the session has no chunks
     */
    public Uni<SessionManifest> complete(SessionRef session) {
        long startNanos = System.nanoTime();

        return catalog.chunks(session)
                .map(chunks -> requireChunks(session, chunks))
                .onItem().transformToUni(chunks -> write(session, SessionManifest.of(session, clock.instant(), chunks)))
                .invoke(manifest -> LOG.infof("session completed project=%s session=%s chunks=%d bytes=%d"
                        + " durationMs=%d", session.projectId(), session.sessionId(), manifest.chunkCount(),
                        manifest.totalBytes(), (System.nanoTime() - startNanos) / 1_000_000));
    }

    /** Returns the stored manifest, or empty when the session was never completed. */
    public Uni<Optional<SessionManifest>> read(SessionRef session) {
        return Uni.createFrom().completionStage(() -> store.getObject(storage.recordingsBucket(), session.manifestKey()))
                .map(bytes -> Optional.of(parse(session, bytes)))
                .onFailure(ChunkCatalog::isNotFound).recoverWithItem(Optional.empty());
    }

    private static List<ManifestChunk> requireChunks(SessionRef session, List<ManifestChunk> chunks) {
        if (chunks.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Session '" + session.sessionId() + "' of project '"
                    + session.projectId() + "' has no chunks: upload at least one chunk before completing it",
                    Map.of("projectId", session.projectId(), "sessionId", session.sessionId()));
        }
        return chunks;
    }

    private Uni<SessionManifest> write(SessionRef session, SessionManifest manifest) {
        byte[] json = toJson(manifest);
        ObjectTarget target = new ObjectTarget(storage.recordingsBucket(), session.manifestKey(), CONTENT_TYPE, null,
                ObjectTags.forSession(ingest, storage, session.projectId(), session.sessionId()), Map.of());

        return Uni.createFrom().completionStage(() -> store.putObject(target, List.of(ByteBuffer.wrap(json)),
                json.length))
                .replaceWith(manifest);
    }

    private byte[] toJson(SessionManifest manifest) {
        try {
            return mapper.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Session manifest cannot be written as JSON", e);
        }
    }

    private SessionManifest parse(SessionRef session, byte[] json) {
        try {
            return mapper.readValue(json, SessionManifest.class);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.STORE_ERROR, "The stored manifest " + session.manifestKey()
                    + " is not valid JSON: complete the session again to rewrite it",
                    Map.of("key", session.manifestKey()), null, e);
        }
    }
}
