package io.replayingest.replay;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
import io.replayingest.ingest.ChunkRef;
import io.replayingest.observability.IngestMetrics;
import io.smallrye.mutiny.Uni;

/**
 * The replay API (replay key): the chunks of a session with presigned GET URLs, and a redirect to one chunk.
 * Responses carry {@code Cache-Control: no-store} because the URLs in them grant access until they expire.
 */
@Path("/v1/projects/{projectId}/sessions/{sessionId}")
public class ReplayResource {

    private static final String NO_STORE = "no-store";

    private final ReplayService replays;
    private final ReplayKeys keys;
    private final IngestMetrics metrics;

    @Inject
    ReplayResource(ReplayService replays, ReplayKeys keys, IngestMetrics metrics) {
        this.replays = replays;
        this.keys = keys;
        this.metrics = metrics;
    }

    @GET
    @Path("/replay")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ReplayResponse>> replay(@RestPath String projectId, @RestPath String sessionId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Uni<RestResponse<ReplayResponse>> response = Uni.createFrom().deferred(() -> {
            SessionRef session = SessionRef.parse(projectId, sessionId);
            keys.require(projectId, authorization);

            return replays.replay(session)
                    .map(replay -> RestResponse.ResponseBuilder.ok(replay)
                            .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                            .build());
        });
        return counted("replay", response);
    }

    @GET
    @Path("/chunks/{seq}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Void>> chunk(@RestPath String projectId, @RestPath String sessionId, @RestPath String seq,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Uni<RestResponse<Void>> response = Uni.createFrom().deferred(() -> {
            ChunkRef chunk = ChunkRef.parse(projectId, sessionId, seq);
            keys.require(projectId, authorization);

            return replays.chunkUrl(chunk)
                    .map(url -> RestResponse.ResponseBuilder.<Void> create(RestResponse.Status.TEMPORARY_REDIRECT)
                            .location(url)
                            .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                            .build());
        });
        return counted("chunk", response);
    }

    /** Counts the request by its outcome: {@code success}, or the error code that the client gets. */
    private <T> Uni<T> counted(String endpoint, Uni<T> response) {
        return response.onItemOrFailure().invoke((item, failure) -> metrics.replayRequest(endpoint,
                failure == null ? "success"
                        : failure instanceof ApiException api ? api.code().name() : ErrorCode.INTERNAL.name()));
    }
}
