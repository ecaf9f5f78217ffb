package io.replayingest.sourcemaps;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.replayingest.auth.KeyAuthenticator;
import io.replayingest.config.IngestConfig;
import io.replayingest.config.SourcemapsConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
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
 * {@code PUT /v1/projects/{projectId}/sourcemaps/{release}/{path...}} (ingest key): streams one sourcemap into the
 * sourcemaps bucket, rejecting a body that does not look like a sourcemap before anything is stored.
 */
@ApplicationScoped
public class SourcemapUploadRoute {

    /** Sourcemap uploads, matched on the raw path as well as on the path that the router resolved. */
    private static final Pattern PATH = Pattern.compile("/v1/projects/[^/]*/sourcemaps/[^/]*/.*");
    static final String KIND = "sourcemap";
    static final String CONTENT_TYPE = "application/json";

    private final StreamingUploadHandler handler;
    private final IngestConfig ingest;
    private final StorageConfig storage;
    private final SourcemapsConfig sourcemaps;
    private final KeyAuthenticator authenticator;

    @Inject
    SourcemapUploadRoute(StreamingUploadHandler handler, IngestConfig ingest, StorageConfig storage,
            SourcemapsConfig sourcemaps, IngestKeys keys) {
        this.handler = handler;
        this.ingest = ingest;
        this.storage = storage;
        this.sourcemaps = sourcemaps;
        this.authenticator = keys.authenticator();
    }

    void register(@Observes Router router) {
        // Runs before the REST layer's catch-all route, and no body handler is installed for this path. The raw path
        // is matched too, because the router resolves dot segments first and a traversal would otherwise reach
        // another route instead of getting 400.
        router.put().order(-100).handler(routing -> {
            if (PATH.matcher(routing.request().path()).matches() || PATH.matcher(routing.normalizedPath()).matches()) {
                handler.handle(routing, this::plan);
            } else {
                routing.next();
            }
        });
    }

    private UploadPlan plan(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        SourcemapRef sourcemap = SourcemapRef.parseRawPath(request.path());
        authenticator.require(sourcemap.projectId(), request.getHeader(HttpHeaders.AUTHORIZATION));
        requireJson(request.getHeader(HttpHeaders.CONTENT_TYPE));
        requireIdentity(request.getHeader(HttpHeaders.CONTENT_ENCODING));
        // The raw path was validated, so it is the sourcemap's URL as the client wrote it.
        return UploadPlan.of(KIND, target(sourcemap), sourcemaps.maxSize().asLongValue(), "sourcemaps.max-size",
                sourcemap.logFields(), request.path()).withBodyCheck(new SourcemapSniffer());
    }

    /** Returns the target of a sourcemap, for uploads through the service and presigned ones. */
    ObjectTarget target(SourcemapRef sourcemap) {
        return new ObjectTarget(storage.sourcemapsBucket(), sourcemap.objectKey(), CONTENT_TYPE, null,
                ObjectTags.forProjectObject(ingest, storage, KIND, sourcemap.projectId(), "release",
                        sourcemap.release()),
                Map.of());
    }

    /** Rejects a compressed body, because the body check reads the bytes as they arrive. */
    private static void requireIdentity(String contentEncoding) {
        if (contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.trim().equalsIgnoreCase("identity")) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding '" + contentEncoding
                    + "' is not accepted for sourcemaps: send the map uncompressed",
                    Map.of("header", "Content-Encoding", "value", contentEncoding));
        }
    }

    private static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(CONTENT_TYPE)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type '" + contentType
                    + "' is not accepted for sourcemaps: send application/json",
                    Map.of("header", "Content-Type", "value", contentType));
        }
    }
}
