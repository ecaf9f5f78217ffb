package io.replayingest.ingest;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.replayingest.auth.KeyAuthenticator;
import io.replayingest.config.IngestConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.storage.ObjectTarget;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT /v1/projects/{projectId}/sessions/{sessionId}/chunks/{seq}}: streams a recording chunk into the
 * recordings bucket through the {@link StreamingUploadHandler}.
 */
@ApplicationScoped
public class ChunkUploadRoute {

    static final String PATH = "/v1/projects/:projectId/sessions/:sessionId/chunks/:seq";
    static final String KIND = "recording";
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final StreamingUploadHandler handler;
    private final IngestConfig ingest;
    private final StorageConfig storage;
    private final KeyAuthenticator authenticator;

    @Inject
    ChunkUploadRoute(StreamingUploadHandler handler, IngestConfig ingest, StorageConfig storage, IngestKeys keys) {
        this.handler = handler;
        this.ingest = ingest;
        this.storage = storage;
        this.authenticator = keys.authenticator();
    }

    void register(@Observes Router router) {
        // Runs before the REST layer's catch-all route, and no body handler is installed for this path.
        router.put(PATH).order(-100).handler(routing -> handler.handle(routing, this::plan));
    }

    private UploadPlan plan(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        ChunkRef chunk = ChunkRef.parse(routing.pathParam("projectId"), routing.pathParam("sessionId"),
                routing.pathParam("seq"));
        authenticator.require(chunk.projectId(), request.getHeader(HttpHeaders.AUTHORIZATION));
        ObjectTarget target = new ObjectTarget(storage.recordingsBucket(), chunk.objectKey(),
                contentType(request, DEFAULT_CONTENT_TYPE), request.getHeader(HttpHeaders.CONTENT_ENCODING),
                ObjectTags.forSession(ingest, storage, chunk.projectId(), chunk.sessionId()), Map.of());
        String logFields = "project=" + chunk.projectId() + " session=" + chunk.sessionId() + " seq=" + chunk.seq();
        return UploadPlan.of(KIND, target, ingest.maxChunkSize().asLongValue(), "ingest.max-chunk-size", logFields,
                chunk.location());
    }

    /** Returns the request's Content-Type, or {@code fallback} when it is absent or blank. */
    static String contentType(HttpServerRequest request, String fallback) {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return contentType == null || contentType.isBlank() ? fallback : contentType;
    }
}
