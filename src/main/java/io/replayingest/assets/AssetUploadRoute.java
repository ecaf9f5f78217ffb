package io.replayingest.assets;

import java.util.HexFormat;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.replayingest.config.AssetsConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
import io.replayingest.error.ErrorResponses;
import io.replayingest.error.StoreErrors;
import io.replayingest.ingest.ContentDigest;
import io.replayingest.ingest.ObjectTags;
import io.replayingest.ingest.RelativePath;
import io.replayingest.ingest.StreamingUploadHandler;
import io.replayingest.ingest.UploadPlan;
import io.replayingest.storage.ObjectInfo;
import io.replayingest.storage.ObjectStore;
import io.replayingest.storage.ObjectTarget;
import io.replayingest.storage.StoreException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT /v1/assets/{path...}} (asset key): stores a stylesheet, font or image in the public assets bucket under
 * {@code {sha256}/{path}}. The client declares the SHA-256 in {@code Content-Digest}, so the key is known before the
 * body arrives: an existing key contains the same bytes and the service responds without reading the body, and a body
 * that does not match the digest is rejected and aborted, so a key never holds other bytes than its hash names.
 */
@ApplicationScoped
public class AssetUploadRoute {

    static final String KIND = "asset";
    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";
    private static final String RAW_PREFIX = "/v1/assets/";
    private static final Logger LOG = Logger.getLogger(AssetUploadRoute.class);

    private final StreamingUploadHandler handler;
    private final ObjectStore store;
    private final StorageConfig storage;
    private final AssetsConfig assets;
    private final AssetKeys keys;
    private final AssetUrls urls;
    private final ObjectMapper mapper;

    @Inject
    AssetUploadRoute(StreamingUploadHandler handler, ObjectStore store, StorageConfig storage, AssetsConfig assets,
            AssetKeys keys, AssetUrls urls, ObjectMapper mapper) {
        this.handler = handler;
        this.store = store;
        this.storage = storage;
        this.assets = assets;
        this.keys = keys;
        this.urls = urls;
        this.mapper = mapper;
    }

    /** The response to an asset upload; {@code stored} is false when the same file was already there. */
    public record AssetResponse(String key, String url, long bytes, String sha256, boolean stored) {
    }

    void register(@Observes Router router) {
        // Runs before the REST layer's catch-all route, and no body handler is installed for this path. The raw path
        // is matched too, because the router resolves dot segments first and a traversal would otherwise reach
        // another route instead of getting 400.
        router.put().order(-100).handler(routing -> {
            if (routing.request().path().startsWith(RAW_PREFIX) || routing.normalizedPath().startsWith(RAW_PREFIX)) {
                handle(routing);
            } else {
                routing.next();
            }
        });
    }

    private void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        request.pause();
        UploadPlan plan;
        try {
            plan = plan(request);
        } catch (ApiException e) {
            ErrorResponses.send(request, mapper, e);
            return;
        }
        Context context = Vertx.currentContext();
        store.headObject(plan.target().bucket(), plan.target().key()).whenComplete((info, error) -> context
                .runOnContext(ignored -> afterHead(request, plan, info, error)));
    }

    private void afterHead(HttpServerRequest request, UploadPlan plan, ObjectInfo existing, Throwable error) {
        if (error == null) {
            LOG.infof("upload skipped kind=%s %s bytes=%d outcome=exists", KIND, plan.logFields(), existing.bytes());
            String key = plan.target().key();
            ErrorResponses.sendBeforeBody(request, mapper, 200, new AssetResponse(key, urls.publicUrl(key),
                    existing.bytes(), key.substring(0, key.indexOf('/')), false));
            return;
        }
        StoreException storeError = StoreException.from("HeadObject", error);
        if (storeError.kind() != StoreException.Kind.NOT_FOUND) {
            ErrorResponses.send(request, mapper, StoreErrors.toApiException(storeError));
            return;
        }
        handler.upload(request, plan);
    }

    private UploadPlan plan(HttpServerRequest request) {
        keys.require(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (!request.path().startsWith(RAW_PREFIX)) {
            throw ApiException.invalidParameter("path", request.path(), "expected /v1/assets/{path} without . or .."
                    + " segments");
        }
        String path = RelativePath.fromRaw(request.path().substring(RAW_PREFIX.length()));
        String contentType = AssetTypes.require(request.getHeader(HttpHeaders.CONTENT_TYPE));
        byte[] sha256 = ContentDigest.sha256(request.getHeader("Content-Digest"));
        if (sha256 == null) {
            throw new ApiException(ErrorCode.INVALID_HEADER, "Missing Content-Digest: assets are stored under their"
                    + " SHA-256, so send Content-Digest: sha-256=:<base64 of the SHA-256 of the body>: (RFC 9530)",
                    Map.of("header", "Content-Digest"));
        }
        String key = HexFormat.of().formatHex(sha256) + "/" + path;
        Map<String, String> tags = ObjectTags.validated(storage.tagging() ? Map.of("kind", KIND) : Map.of());
        ObjectTarget target = new ObjectTarget(storage.assetsBucket(), key, contentType,
                request.getHeader(HttpHeaders.CONTENT_ENCODING), tags, Map.of(), CACHE_CONTROL);
        return UploadPlan.of(KIND, target, assets.maxSize().asLongValue(), "assets.max-size", "sha256="
                + HexFormat.of().formatHex(sha256), null)
                .withResponseBody(result -> new AssetResponse(key, urls.publicUrl(key), result.bytes(),
                        result.sha256(), true));
    }
}
