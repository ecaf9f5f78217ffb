package io.replayingest.ingest;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.replayingest.config.IngestConfig;
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
import io.vertx.ext.web.RoutingContext;

/**
 * The streaming flow that every upload route shares: header checks, the first buffer grant (or 503),
 * {@code 100-continue}, the {@link StreamingUpload} itself, the 201 or error response and the log event. Routes
 * supply an {@link UploadPlan} that describes what to store; they are plain Vert.x routes, so that no layer buffers the
 * body and the request can be paused for backpressure.
 */
@ApplicationScoped
public class StreamingUploadHandler {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** A client's request id is kept when it is this short and plain; otherwise the service makes one. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Builds the plan of one request: checks path parameters and the key, and throws ApiException when they fail. */
    @FunctionalInterface
    public interface Planner {
        UploadPlan plan(RoutingContext routing);
    }

    private final ObjectStore store;
    private final BufferBudget budget;
    private final IngestConfig ingest;
    private final ObjectMapper mapper;
    private final UploadEvents events;
    private final ServiceState state;
    private final Set<StreamingUpload> running = ConcurrentHashMap.newKeySet();

    @Inject
    StreamingUploadHandler(ObjectStore store, BufferBudget budget, IngestConfig ingest, ObjectMapper mapper,
            UploadEvents events, ServiceState state) {
        this.store = store;
        this.budget = budget;
        this.ingest = ingest;
        this.mapper = mapper;
        this.events = events;
        this.state = state;
        events.bindBufferBudget(budget);
    }

    /** Aborts every upload whose body has not fully arrived; the others finish. */
    public void cancelRunning(UploadFailure reason) {
        running.forEach(upload -> upload.cancel(reason));
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

    /** Pauses the request, builds its plan and streams the body; every failure becomes a JSON error response. */
    public void handle(RoutingContext routing, Planner planner) {
        HttpServerRequest request = routing.request();
        request.pause();
        UploadPlan plan;
        try {
            if (!state.acceptingUploads()) {
                throw new ApiException(ErrorCode.SHUTTING_DOWN, "The service is shutting down; retry the upload",
                        Map.of(), 1, null);
            }
            plan = planner.plan(routing);
        } catch (ApiException e) {
            sendError(request, e);
            return;
        } catch (RuntimeException e) {
            sendError(request, ErrorResponses.internal(e));
            return;
        }
        upload(request, plan);
    }

    /**
     * Streams the body of a paused request as described by {@code plan}. Must run on the request's Vert.x context, which is
     * where a route that first calls the store asynchronously must come back to.
     */
    public void upload(HttpServerRequest request, UploadPlan plan) {
        request.pause();
        if (request.response().headers().get(REQUEST_ID_HEADER) == null) {
            request.response().putHeader(REQUEST_ID_HEADER, requestId(request));
        }
        try {
            UploadLimits limits = UploadLimits.from(ingest, plan.maxBodyBytes());
            long declaredLength = declaredLength(request, plan);
            byte[] expectedSha256 = ContentDigest.sha256(request.getHeader("Content-Digest"));
            rejectAwsChunked(request);
            long initialGrant = StreamingUpload.firstSlotBytes(limits, declaredLength);
            Start start = new Start(request, plan, withDeclaredDigest(plan.target(), expectedSha256), limits,
                    expectedSha256, declaredLength, initialGrant);
            reserveThenStart(start);
        } catch (ApiException e) {
            sendError(request, e);
        } catch (RuntimeException e) {
            sendError(request, ErrorResponses.internal(e));
        }
    }

    /** S3 stores decode aws-chunked framing themselves, so an object sent with it would not hold the bytes as sent. */
    private static void rejectAwsChunked(HttpServerRequest request) {
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked")) {
            throw new ApiException(ErrorCode.INVALID_HEADER, "Invalid Content-Encoding '" + encoding
                    + "': aws-chunked is an S3 transfer framing, not a content encoding; send the body as is",
                    Map.of("header", "Content-Encoding", "value", encoding));
        }
    }

    /** Returns the Content-Length, 0 for an HTTP/1.x request without body, or -1 when the length is unknown. */
    private static long declaredLength(HttpServerRequest request, UploadPlan plan) {
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
        if (length > plan.maxBodyBytes()) {
            throw new ApiException(ErrorCode.BODY_TOO_LARGE, "Content-Length " + length + " exceeds the limit of "
                    + plan.maxBodyBytes() + " bytes (" + plan.limitSetting() + ")",
                    Map.of("limitBytes", plan.maxBodyBytes(), "contentLength", length));
        }
        return length;
    }

    private static ObjectTarget withDeclaredDigest(ObjectTarget target, byte[] expectedSha256) {
        if (expectedSha256 == null) {
            return target;
        }
        Map<String, String> metadata = new HashMap<>(target.metadata());
        metadata.put(ChunkMetadata.SHA256, HexFormat.of().formatHex(expectedSha256));
        return target.withMetadata(metadata);
    }

    /** Waits up to {@code ingest.buffer-wait} for the first buffer space; without it the client gets 503. */
    private void reserveThenStart(Start start) {
        Context context = Vertx.currentContext();
        if (start.initialGrant() == 0 || budget.tryAcquire(start.initialGrant())) {
            start(context, start);
            return;
        }
        HttpServerRequest request = start.request();
        CompletableFuture<Void> grant = budget.acquire(start.initialGrant());
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
                budget.release(start.initialGrant());
                return;
            }
            start(context, start);
        }));
    }

    private void start(Context context, Start start) {
        HttpServerRequest request = start.request();
        UploadPlan plan = start.plan();
        long startNanos = System.nanoTime();
        String requestId = request.response().headers().get(REQUEST_ID_HEADER);
        StreamingUpload[] self = new StreamingUpload[1];
        StreamingUpload upload = new StreamingUpload(store, budget, start.limits(), context, request, start.target(),
                start.expectedSha256(), start.declaredLength(), start.initialGrant(), plan.bodyCheck(),
                new StreamingUpload.Listener() {
                    @Override
                    public void completed(UploadResult result) {
                        running.remove(self[0]);
                        events.completed(requestId, plan, result, startNanos);
                        if (plan.location() != null) {
                            request.response().putHeader(HttpHeaders.LOCATION, plan.location());
                        }
                        ErrorResponses.sendJson(request.response(), mapper, 201, plan.responseBody().apply(result));
                    }

                    @Override
                    public void aborted(UploadFailure failure) {
                        running.remove(self[0]);
                        events.aborted(requestId, plan, self[0], failure, startNanos);
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
        events.started(plan.kind());
        upload.start();
    }

    /** Number of uploads that are streaming now. */
    public int runningUploads() {
        return running.size();
    }


    /** One request between its header checks and the start of its {@link StreamingUpload}. */
    private record Start(HttpServerRequest request, UploadPlan plan, ObjectTarget target, UploadLimits limits,
            byte[] expectedSha256, long declaredLength, long initialGrant) {
    }
}
