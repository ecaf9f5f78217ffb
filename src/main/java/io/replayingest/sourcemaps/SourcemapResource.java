package io.replayingest.sourcemaps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import io.replayingest.auth.KeyAuthenticator;
import io.replayingest.config.SourcemapsConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
import io.replayingest.ingest.ChunkRef;
import io.replayingest.ingest.IngestKeys;
import io.replayingest.replay.ReplayKeys;
import io.replayingest.storage.ObjectStore;
import io.replayingest.storage.PresignedPut;
import io.smallrye.mutiny.Uni;

/**
 * The sourcemaps of a release: the list of stored maps (replay key), and presigned PUT URLs for CLIs that upload
 * straight to the store (ingest key).
 */
@Path("/v1/projects/{projectId}/sourcemaps/{release}")
public class SourcemapResource {

    /** Maximum number of paths in one request for presigned URLs. */
    static final int MAX_PATHS = 1000;

    private final ObjectStore store;
    private final SourcemapUploadRoute route;
    private final ReplayKeys replayKeys;
    private final KeyAuthenticator ingestKeys;
    private final String bucket;
    private final Duration uploadUrlTtl;

    @Inject
    SourcemapResource(ObjectStore store, SourcemapUploadRoute route, ReplayKeys replayKeys, IngestKeys ingestKeys,
            StorageConfig storage, SourcemapsConfig sourcemaps) {
        this.store = store;
        this.route = route;
        this.replayKeys = replayKeys;
        this.ingestKeys = ingestKeys.authenticator();
        this.bucket = storage.sourcemapsBucket();
        this.uploadUrlTtl = sourcemaps.uploadUrlTtl();
    }

    /** The stored maps of a release. */
    public record Listing(String projectId, String release, List<Sourcemap> sourcemaps) {
    }

    /** One stored map; {@code path} is relative to the release. */
    public record Sourcemap(String path, long bytes, Instant lastModified) {
    }

    /** The paths to presign, relative to the release. */
    public record UploadRequest(List<String> paths) {
    }

    /** Presigned PUT URLs, one per requested path, with the headers that the client must send with each. */
    public record UploadUrls(Instant expiresAt, List<UploadUrl> uploads) {
    }

    public record UploadUrl(String path, String key, String url, Map<String, String> headers) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Listing> list(@RestPath String projectId, @RestPath String release,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        ChunkRef.requireId("projectId", projectId);
        SourcemapRef.requireRelease(release);
        replayKeys.require(projectId, authorization);
        String prefix = SourcemapRef.releasePrefix(projectId, release);

        return Uni.createFrom().completionStage(() -> store.listObjects(bucket, prefix))
                .map(objects -> new Listing(projectId, release, objects.stream()
                        .map(object -> new Sourcemap(object.key().substring(prefix.length()), object.bytes(),
                                object.lastModified()))
                        .toList()));
    }

    @POST
    @Path("/uploads")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public UploadUrls presign(@RestPath String projectId, @RestPath String release,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization, UploadRequest request) {
        ChunkRef.requireId("projectId", projectId);
        SourcemapRef.requireRelease(release);
        ingestKeys.require(projectId, authorization);
        List<SourcemapRef> sourcemaps = requirePaths(projectId, release, request);
        List<UploadUrl> uploads = new ArrayList<>(sourcemaps.size());
        Instant expiresAt = Instant.MAX;
        for (SourcemapRef sourcemap : sourcemaps) {
            PresignedPut put = store.presignPut(route.target(sourcemap), uploadUrlTtl);
            uploads.add(new UploadUrl(sourcemap.path(), sourcemap.objectKey(), put.url().toString(), put.headers()));
            expiresAt = put.expiresAt().isBefore(expiresAt) ? put.expiresAt() : expiresAt;
        }
        return new UploadUrls(expiresAt, uploads);
    }

    private static List<SourcemapRef> requirePaths(String projectId, String release, UploadRequest request) {
        if (request == null || request.paths() == null || request.paths().isEmpty()
                || request.paths().size() > MAX_PATHS) {
            int count = request == null || request.paths() == null ? 0 : request.paths().size();
            throw new ApiException(ErrorCode.INVALID_BODY, "Expected a JSON body {\"paths\": [...]} with 1 to "
                    + MAX_PATHS + " paths, got " + count, Map.of("count", count));
        }
        return request.paths().stream().map(path -> SourcemapRef.of(projectId, release, path)).toList();
    }
}
