package io.replayingest.spots;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.replayingest.auth.KeyAuthenticator;
import io.replayingest.ingest.IngestKeys;
import io.smallrye.mutiny.Uni;

/**
 * Direct uploads of spot files (ingest key): start one and get presigned part URLs, complete it, or abort it. The
 * presigned URLs grant a write, so responses carry {@code Cache-Control: no-store}.
 */
@Path("/v1/projects/{projectId}/spots/{spotId}/{file}/uploads")
public class DirectUploadResource {

    private final DirectUploadService uploads;
    private final KeyAuthenticator authenticator;

    @Inject
    DirectUploadResource(DirectUploadService uploads, IngestKeys keys) {
        this.uploads = uploads;
        this.authenticator = keys.authenticator();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<DirectUploadService.Started>> start(@RestPath String projectId, @RestPath String spotId,
            @RestPath String file, @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            DirectUploadService.StartRequest request) {
        SpotRef spot = SpotRef.parse(projectId, spotId, file);
        authenticator.require(projectId, authorization);

        return uploads.start(spot, request)
                .map(started -> RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, started)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build());
    }

    @POST
    @Path("/{uploadId}/complete")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<DirectUploadService.Completed> complete(@RestPath String projectId, @RestPath String spotId,
            @RestPath String file, @RestPath String uploadId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        SpotRef spot = SpotRef.parse(projectId, spotId, file);
        authenticator.require(projectId, authorization);

        return uploads.complete(spot, uploadId);
    }

    @DELETE
    @Path("/{uploadId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Void>> abort(@RestPath String projectId, @RestPath String spotId, @RestPath String file,
            @RestPath String uploadId, @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        SpotRef spot = SpotRef.parse(projectId, spotId, file);
        authenticator.require(projectId, authorization);

        return uploads.abort(spot, uploadId).map(ignored -> RestResponse.noContent());
    }
}
