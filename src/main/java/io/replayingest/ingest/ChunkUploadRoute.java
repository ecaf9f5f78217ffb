package io.replayingest.ingest;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.replayingest.auth.KeyAuthenticator;
import io.replayingest.config.IngestConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
import io.replayingest.error.ErrorResponses;
import io.replayingest.storage.ObjectStore;
import io.replayingest.storage.ObjectTarget;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT /v1/projects/{projectId}/sessions/{sessionId}/chunks/{seq}}: streams a recording chunk into the
 * recordings bucket. It is a plain Vert.x route rather than a REST resource, so that no layer buffers the body
 * and the request can be paused for backpressure.
 */
@ApplicationScoped
public class ChunkUploadRoute {

    static final String PATH = "/v1/projects/:projectId/sessions/:sessionId/chunks/:seq";
    private static final Logger LOG = Logger.getLogger(ChunkUploadRoute.class);
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final ObjectStore store;
    private final BufferBudget budget;
    private final IngestConfig ingest;
    private final StorageConfig storage;
    private final KeyAuthenticator authenticator;
    private final ObjectMapper mapper;
    private final UploadLimits limits;
    private final Set<StreamingUpload> running = ConcurrentHashMap.newKeySet();

    @Inject
    ChunkUploadRoute(ObjectStore store, BufferBudget budget, IngestConfig ingest, StorageConfig storage,
            IngestKeys keys, ObjectMapper mapper) {
        this.store = store;
        this.budget = budget;
        this.ingest = ingest;
        this.storage = storage;
        this.authenticator = keys.authenticator();
        this.mapper = mapper;
        this.limits = UploadLimits.from(ingest, ingest.maxChunkSize().asLongValue());
    }

    void register(@Observes Router router) {
        // Runs before the REST layer's catch-all route, and no body handler is installed for this path.
        router.put(PATH).order(-100).handler(this::handle);
    }

    private void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        request.pause();
        try {
            ChunkRef chunk = ChunkRef.parse(routing.pathParam("projectId"), routing.pathParam("sessionId"),
                    routing.pathParam("seq"));
            authenticator.require(chunk.projectId(), request.getHeader(HttpHeaders.AUTHORIZATION));
            long declaredLength = declaredLength(request);
            byte[] expectedSha256 = ContentDigest.sha256(request.getHeader("Content-Digest"));
            ObjectTarget target = target(chunk, request, expectedSha256);
            long initialGrant = StreamingUpload.firstSlotBytes(limits, declaredLength);
            reserveThenStart(request, chunk, target, expectedSha256, declaredLength, initialGrant);
        } catch (ApiException e) {
            ErrorResponses.send(request, mapper, e);
        } catch (RuntimeException e) {
            ErrorResponses.send(request, mapper, ErrorResponses.internal(e));
        }
    }

    private long declaredLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            // Without Content-Length, an HTTP/1.x body is chunked or empty; an HTTP/2 body is of unknown length.
            boolean emptyHttp1Body = request.version() != HttpVersion.HTTP_2
                    && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
            return emptyHttp1Body ? 0 : -1;
        }
        long length;
        try {
            length = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0) {
            throw new ApiException(ErrorCode.INVALID_HEADER, "Invalid Content-Length '" + header + "'",
                    Map.of("header", "Content-Length", "value", header));
        }
        if (length > limits.maxBodyBytes()) {
            throw new ApiException(ErrorCode.BODY_TOO_LARGE, "Content-Length " + length
                    + " exceeds the limit of " + limits.maxBodyBytes() + " bytes (ingest.max-chunk-size)",
                    Map.of("limitBytes", limits.maxBodyBytes(), "contentLength", length));
        }
        return length;
    }

    private ObjectTarget target(ChunkRef chunk, HttpServerRequest request, byte[] expectedSha256) {
        Map<String, String> metadata = expectedSha256 == null ? Map.of()
                : Map.of(ChunkMetadata.SHA256, HexFormat.of().formatHex(expectedSha256));
        String contentEncoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("aws-chunked")) {
            // S3 stores decode aws-chunked framing themselves, so the object would not hold the bytes as sent.
            throw new ApiException(ErrorCode.INVALID_HEADER, "Invalid Content-Encoding '" + contentEncoding
                    + "': aws-chunked is an S3 transfer framing, not a content encoding; send the body as is",
                    Map.of("header", "Content-Encoding", "value", contentEncoding));
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return new ObjectTarget(storage.recordingsBucket(), chunk.objectKey(),
                contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType,
                request.getHeader(HttpHeaders.CONTENT_ENCODING),
                ObjectTags.forSession(ingest, storage, chunk.projectId(), chunk.sessionId()), metadata);
    }

    /** Waits up to {@code ingest.buffer-wait} for the first buffer space; without it the client gets 503. */
    private void reserveThenStart(HttpServerRequest request, ChunkRef chunk, ObjectTarget target,
            byte[] expectedSha256, long declaredLength, long initialGrant) {
        Context context = Vertx.currentContext();
        Runnable start = () -> start(context, request, chunk, target, expectedSha256, declaredLength, initialGrant);
        if (initialGrant == 0 || budget.tryAcquire(initialGrant)) {
            start.run();
            return;
        }
        CompletableFuture<Void> grant = budget.acquire(initialGrant);
        long timer = context.owner().setTimer(ingest.bufferWait().toMillis(), id -> {
            if (budget.withdraw(grant)) {
                ErrorResponses.send(request, mapper, new ApiException(ErrorCode.BUFFER_FULL,
                        "The service is buffering its maximum of " + budget.capacityBytes()
                                + " bytes (ingest.max-buffered-bytes); retry later",
                        Map.of(), 1, null));
            }
        });
        grant.thenRun(() -> context.runOnContext(ignored -> {
            context.owner().cancelTimer(timer);
            if (request.response().closed()) {
                budget.release(initialGrant);
                return;
            }
            start.run();
        }));
    }

    private void start(Context context, HttpServerRequest request, ChunkRef chunk, ObjectTarget target,
            byte[] expectedSha256, long declaredLength, long initialGrant) {
        long startNanos = System.nanoTime();
        StreamingUpload[] self = new StreamingUpload[1];
        StreamingUpload upload = new StreamingUpload(store, budget, limits, context, request, target, expectedSha256,
                declaredLength, initialGrant, new StreamingUpload.Listener() {
                    @Override
                    public void completed(UploadResult result) {
                        running.remove(self[0]);
                        logCompleted(chunk, result, startNanos);
                        request.response().putHeader(HttpHeaders.LOCATION, chunk.location());
                        ErrorResponses.sendJson(request.response(), mapper, 201, result);
                    }

                    @Override
                    public void aborted(UploadFailure failure) {
                        running.remove(self[0]);
                        logAborted(chunk, self[0], failure, startNanos);
                        if (failure.error() != null) {
                            ErrorResponses.send(request, mapper, failure.error());
                        }
                    }
                });
        self[0] = upload;
        running.add(upload);
        if (HttpHeaders.CONTINUE.toString().equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue();
        }
        upload.start();
    }

    private static void logCompleted(ChunkRef chunk, UploadResult result, long startNanos) {
        LOG.infof("upload completed project=%s session=%s seq=%d bytes=%d parts=%d durationMs=%d outcome=completed",
                chunk.projectId(), chunk.sessionId(), chunk.seq(), result.bytes(), result.parts(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static void logAborted(ChunkRef chunk, StreamingUpload upload, UploadFailure failure, long startNanos) {
        if (failure.error() != null && failure.error().getCause() != null) {
            LOG.warnf("store call failed project=%s session=%s seq=%d error=%s", chunk.projectId(),
                    chunk.sessionId(), chunk.seq(), failure.error().getCause().getMessage());
        }
        LOG.infof("upload aborted project=%s session=%s seq=%d bytes=%d parts=%d durationMs=%d outcome=aborted"
                + " reason=%s%s", chunk.projectId(), chunk.sessionId(), chunk.seq(), upload.receivedBytes(),
                upload.partCount(), (System.nanoTime() - startNanos) / 1_000_000, failure.reason(),
                failure.error() == null ? "" : " error=" + failure.error().code());
    }
}
