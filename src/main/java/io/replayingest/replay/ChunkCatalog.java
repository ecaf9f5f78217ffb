package io.replayingest.replay;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.replayingest.config.StorageConfig;
import io.replayingest.ingest.ChunkMetadata;
import io.replayingest.storage.ListedObject;
import io.replayingest.storage.ObjectInfo;
import io.replayingest.storage.ObjectStore;
import io.replayingest.storage.StoreException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Reads the chunks of a session from the recordings bucket: one listing, then a HeadObject per chunk. */
@ApplicationScoped
public class ChunkCatalog {

    /** HeadObject calls running at once for one session. */
    static final int HEAD_CONCURRENCY = 8;

    private final ObjectStore store;
    private final String bucket;

    @Inject
    ChunkCatalog(ObjectStore store, StorageConfig storage) {
        this.store = store;
        this.bucket = storage.recordingsBucket();
    }

    /** Returns the session's chunks in ascending seq order; empty when it has none. */
    public Uni<List<ManifestChunk>> chunks(SessionRef session) {
        return Uni.createFrom().completionStage(() -> store.listObjects(bucket, session.chunkPrefix()))
                .onItem().transformToUni(listed -> describeAll(session, listed));
    }

    private Uni<List<ManifestChunk>> describeAll(SessionRef session, List<ListedObject> listed) {
        List<ListedObject> chunks = listed.stream().filter(object -> session.seqOf(object.key()).isPresent()).toList();
        if (chunks.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }

        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUni(object -> describe(session, object)).merge(HEAD_CONCURRENCY)
                .filter(Optional::isPresent)
                .map(Optional::get)
                .collect().asList()
                .map(described -> described.stream().sorted(Comparator.comparingInt(ManifestChunk::seq)).toList());
    }

    /** Returns the chunk, or empty when it was deleted between the listing and the HeadObject. */
    private Uni<Optional<ManifestChunk>> describe(SessionRef session, ListedObject object) {
        OptionalInt seq = session.seqOf(object.key());

        return Uni.createFrom().completionStage(() -> store.headObject(bucket, object.key()))
                .map(info -> Optional.of(toChunk(seq.getAsInt(), info)))
                .onFailure(ChunkCatalog::isNotFound).recoverWithItem(Optional.empty());
    }

    private static ManifestChunk toChunk(int seq, ObjectInfo info) {
        return new ManifestChunk(seq, info.key(), info.bytes(), info.metadata().get(ChunkMetadata.SHA256),
                info.contentType(), info.contentEncoding(), info.lastModified());
    }

    static boolean isNotFound(Throwable error) {
        return error instanceof StoreException store && store.kind() == StoreException.Kind.NOT_FOUND;
    }
}
