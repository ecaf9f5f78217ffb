package io.replayingest.spots;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.replayingest.auth.KeyAuthenticator;
import io.replayingest.config.IngestConfig;
import io.replayingest.config.SpotsConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.ingest.IngestKeys;
import io.replayingest.ingest.ObjectTags;
import io.replayingest.ingest.StreamingUploadHandler;
import io.replayingest.ingest.UploadPlan;
import io.replayingest.storage.ObjectTarget;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT /v1/projects/{projectId}/spots/{spotId}/{file}} (ingest key): streams a spot video or its events into
 * the spots bucket, with the same backpressure and memory bound as recording chunks.
 */
@ApplicationScoped
public class SpotUploadRoute {

    static final String PATH = "/v1/projects/:projectId/spots/:spotId/:file";
    static final String KIND = "spot";

    private final StreamingUploadHandler handler;
    private final IngestConfig ingest;
    private final StorageConfig storage;
    private final SpotsConfig spots;
    private final KeyAuthenticator authenticator;

    @Inject
    SpotUploadRoute(StreamingUploadHandler handler, IngestConfig ingest, StorageConfig storage, SpotsConfig spots,
            IngestKeys keys) {
        this.handler = handler;
        this.ingest = ingest;
        this.storage = storage;
        this.spots = spots;
        this.authenticator = keys.authenticator();
    }

    void register(@Observes Router router) {
        // Runs before the REST layer's catch-all route, and no body handler is installed for this path.
        router.put(PATH).order(-100).handler(routing -> handler.handle(routing, this::plan));
    }

    private UploadPlan plan(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        SpotRef spot = SpotRef.parse(routing.pathParam("projectId"), routing.pathParam("spotId"),
                routing.pathParam("file"));
        authenticator.require(spot.projectId(), request.getHeader(HttpHeaders.AUTHORIZATION));
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        ObjectTarget target = new ObjectTarget(storage.spotsBucket(), spot.objectKey(),
                contentType == null || contentType.isBlank() ? spot.defaultContentType() : contentType,
                request.getHeader(HttpHeaders.CONTENT_ENCODING), tags(spot), Map.of());
        return UploadPlan.of(KIND, target, spots.maxSize().asLongValue(), "spots.max-size", spot.logFields(),
                spot.location());
    }

    Map<String, String> tags(SpotRef spot) {
        return ObjectTags.forProjectObject(ingest, storage, KIND, spot.projectId(), "spot", spot.spotId());
    }
}
