package io.replayingest.ingest;

import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.replayingest.auth.KeyAuthenticator;
import io.replayingest.config.IngestConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
import io.replayingest.error.ErrorResponses;
import io.replayingest.operations.ServiceState;
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
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** A client's request id is kept when it is this short and plain; otherwise the service makes one. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final ObjectStore store;
    private final BufferBudget budget;
    private final IngestConfig ingest;
    private final StorageConfig storage;
    private final KeyAuthenticator authenticator;
    private final ObjectMapper mapper;
    private final UploadLimits limits;
    private final UploadEvents events;
    private final ServiceState state;
    private final Set<StreamingUpload> running = ConcurrentHashMap.newKeySet();

    @Inject
    ChunkUploadRoute(ObjectStore store, BufferBudget budget, IngestConfig ingest, StorageConfig storage,
            IngestKeys keys, ObjectMapper mapper, UploadEvents events, ServiceState state) {
        this.events = events;
        this.state = state;
        this.store = store;
        this.budget = budget;
        this.ingest = ingest;
        this.storage = storage;
        this.authenticator = keys.authenticator();
        this.mapper = mapper;
        this.limits = UploadLimits.from(ingest, ingest.maxChunkSize().asLongValue());
        events.bindBufferBudget(budget);
    }

    /** Number of uploads streaming now. */
    public int runningUploads() {
        return running.size();
    }

    /** Aborts every upload whose body has not fully arrived; the others finish. */
    public void cancelRunning(UploadFailure reason) {
        running.forEach(upload -> upload.cancel(reason));
    }

    void register(@Observes Router router) {
        // Runs before the REST layer's catch-all route, and no body handler is installed for this path.
        router.put(PATH).order(-100).handler(this::handle);
    }

    private void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        request.pause();
        String requestId = requestId(request);
        request.response().putHeader(REQUEST_ID_HEADER, requestId);
        try {
            if (!state.acceptingUploads()) {
                throw new ApiException(ErrorCode.SHUTTING_DOWN, "The service is shutting down; retry the upload",
                        Map.of(), 1, null);
            }
            ChunkRef chunk = ChunkRef.parse(routing.pathParam("projectId"), routing.pathParam("sessionId"),
                    routing.pathParam("seq"));
            authenticator.require(chunk.projectId(), request.getHeader(HttpHeaders.AUTHORIZATION));
            long declaredLength = declaredLength(request);
            byte[] expectedSha256 = ContentDigest.sha256(request.getHeader("Content-Digest"));
            ObjectTarget target = target(chunk, request, expectedSha256);
            long initialGrant = declaredLength < 0 ? limits.grainBytes() : Math.min(limits.grainBytes(), declaredLength);
            reserveThenStart(request, requestId, chunk, target, expectedSha256, declaredLength, initialGrant);
        } catch (ApiException e) {
            sendError(request, e);
        } catch (RuntimeException e) {
            sendError(request, ErrorResponses.internal(e));
        }
    }

    private static String requestId(HttpServerRequest request) {
        String sent = request.getHeader(REQUEST_ID_HEADER);
        return sent != null && REQUEST_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }

    private void sendError(HttpServerRequest request, ApiException error) {
        if (!request.response().ended() && !request.response().closed()) {
            events.errorSent(error);
        }
        ErrorResponses.send(request, mapper, error);
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
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return new ObjectTarget(storage.recordingsBucket(), chunk.objectKey(),
                contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType,
                request.getHeader(HttpHeaders.CONTENT_ENCODING),
                ObjectTags.forSession(ingest, storage, chunk.projectId(), chunk.sessionId()), metadata);
    }

    /** Waits up to {@code ingest.buffer-wait} for the first buffer space; without it the client gets 503. */
    private void reserveThenStart(HttpServerRequest request, String requestId, ChunkRef chunk, ObjectTarget target,
            byte[] expectedSha256, long declaredLength, long initialGrant) {
        Context context = Vertx.currentContext();
        Runnable start = () -> start(context, request, requestId, chunk, target, expectedSha256, declaredLength,
                initialGrant);
        if (initialGrant == 0 || budget.tryAcquire(initialGrant)) {
            start.run();
            return;
        }
        CompletableFuture<Void> grant = budget.acquire(initialGrant);
        long timer = context.owner().setTimer(ingest.bufferWait().toMillis(), id -> {
            if (budget.withdraw(grant)) {
                sendError(request, new ApiException(ErrorCode.BUFFER_FULL,
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

    private void start(Context context, HttpServerRequest request, String requestId, ChunkRef chunk,
            ObjectTarget target, byte[] expectedSha256, long declaredLength, long initialGrant) {
        long startNanos = System.nanoTime();
        StreamingUpload[] self = new StreamingUpload[1];
        StreamingUpload upload = new StreamingUpload(store, budget, limits, context, request, target, expectedSha256,
                declaredLength, initialGrant, new StreamingUpload.Listener() {
                    @Override
                    public void completed(UploadResult result) {
                        running.remove(self[0]);
                        events.completed(requestId, chunk, result, startNanos);
                        request.response().putHeader(HttpHeaders.LOCATION, chunk.location());
                        ErrorResponses.sendJson(request.response(), mapper, 201, result);
                    }

                    @Override
                    public void aborted(UploadFailure failure) {
                        running.remove(self[0]);
                        events.aborted(requestId, chunk, target.bucket(), self[0], failure, startNanos);
                        if (failure.error() != null) {
                            sendError(request, failure.error());
                        }
                    }

                    @Override
                    public void partStarted() {
                        events.partStarted();
                    }

                    @Override
                    public void partFinished() {
                        events.partFinished();
                    }
                });
        self[0] = upload;
        running.add(upload);
        if (HttpHeaders.CONTINUE.toString().equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue();
        }
        events.started();
        upload.start();
    }
}
