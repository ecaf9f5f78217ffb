package io.replayingest.spots;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.replayingest.config.ReplayConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
import io.replayingest.replay.ReplayKeys;
import io.replayingest.storage.ObjectStore;
import io.replayingest.storage.StoreException;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /v1/projects/{projectId}/spots/{spotId}/{file}} (replay key): 307 redirect to a presigned GET of the
 * file. The store serves it, so range requests work and a video player can seek.
 */
@Path("/v1/projects/{projectId}/spots/{spotId}/{file}")
public class SpotResource {

    private final ObjectStore store;
    private final ReplayKeys keys;
    private final String bucket;
    private final ReplayConfig replay;

    @Inject
    SpotResource(ObjectStore store, ReplayKeys keys, StorageConfig storage, ReplayConfig replay) {
        this.store = store;
        this.keys = keys;
        this.bucket = storage.spotsBucket();
        this.replay = replay;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Void>> get(@RestPath String projectId, @RestPath String spotId, @RestPath String file,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        SpotRef spot = SpotRef.parse(projectId, spotId, file);
        keys.require(projectId, authorization);

        return Uni.createFrom().completionStage(() -> store.headObject(bucket, spot.objectKey()))
                .onFailure(SpotResource::isNotFound).transform(error -> notFound(spot))
                .map(info -> redirect(store.presignGet(bucket, spot.objectKey(), replay.urlTtl()).url()));
    }

    private static RestResponse<Void> redirect(URI url) {
        return RestResponse.ResponseBuilder.<Void> create(RestResponse.Status.TEMPORARY_REDIRECT)
                .location(url)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    static boolean isNotFound(Throwable error) {
        return error instanceof StoreException store && store.kind() == StoreException.Kind.NOT_FOUND;
    }

    private static ApiException notFound(SpotRef spot) {
        return new ApiException(ErrorCode.NOT_FOUND, "File " + spot.file() + " of spot '" + spot.spotId()
                + "' in project '" + spot.projectId() + "' does not exist", Map.of("projectId", spot.projectId(),
                        "spotId", spot.spotId(), "file", spot.file()));
    }
}
