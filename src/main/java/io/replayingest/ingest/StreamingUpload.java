package io.replayingest.ingest;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import org.jboss.logging.Logger;

import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
import io.replayingest.error.StoreErrors;
import io.replayingest.storage.ObjectStore;
import io.replayingest.storage.ObjectTarget;
import io.replayingest.storage.StoreException;
import io.replayingest.storage.StoredPart;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Streams one request body into the object store. A body of at most one part goes up with a single PutObject once
 * it has ended. A larger body becomes a multipart upload whose parts go up while the body still arrives.
 * <p>
 * Memory is accounted in part slots taken from the global {@link BufferBudget}: an upload starts with one slot (the
 * caller's initial grant) and fills it from the body. When a part is full it goes to the store, and the upload needs
 * another slot before it reads on. It takes one from the budget only when fewer than {@code maxPartsInFlight} parts
 * are running and the budget has room at once; otherwise the request stays paused until one of its own parts
 * finishes, and that part's slot is reused. So every started upload makes progress whatever the others hold, and one
 * upload holds at most {@code partSize * (maxPartsInFlight + 1)} bytes, plus the rest of one network buffer.
 * <p>
 * All state is changed on the request's Vert.x context only; store callbacks hop back to it. Every path ends in
 * {@link Listener#completed} or, after the multipart upload has been aborted, {@link Listener#aborted}.
 */
final class StreamingUpload {

    private static final Logger LOG = Logger.getLogger(StreamingUpload.class);

    /** Receives the outcome of an upload, on the request's context. */
    interface Listener {
        void completed(UploadResult result);

        void aborted(UploadFailure failure);

        /** Called when a part upload is handed to the store. */
        default void partStarted() {
        }

        /** Called when a part upload ends, whether it succeeded, failed or was cancelled. */
        default void partFinished() {
        }
    }

    private final ObjectStore store;
    private final BufferBudget budget;
    private final UploadLimits limits;
    private final Context context;
    private final HttpServerRequest request;
    private final ObjectTarget target;
    private final long declaredLength;
    private final Listener listener;
    private final BodyDigest digest;
    private final BodyCheck bodyCheck;

    private final List<ByteBuffer> current = new ArrayList<>();
    private long currentBytes;
    private final Set<CompletableFuture<StoredPart>> runningParts = new HashSet<>();
    /** Bytes already handed to parts; the next part starts after them. */
    private long cutBytes;
    private final List<StoredPart> storedParts = new ArrayList<>();
    private int nextPartNumber = 1;
    private CompletableFuture<String> uploadId;

    private long receivedBytes;
    private long grantedBytes;
    /** Size of the slot that the next part waits for, or 0 when reading may go on. */
    private long awaitedSlotBytes;
    private boolean paused = true;
    private long lastReadNanos = System.nanoTime();
    private long idleTimerId = -1;

    private boolean ended;
    private boolean finishing;
    private UploadFailure failure;
    private boolean settled;

    /**
     * @param expectedSha256 digest the client declared, or null
     * @param declaredLength the Content-Length, or -1 for a chunked body
     * @param initialGrantBytes the first part slot, already granted by {@code budget}; see {@link #firstSlotBytes}
     * @param bodyCheck checks every body buffer before it is stored, and may reject the body
     */
    StreamingUpload(ObjectStore store, BufferBudget budget, UploadLimits limits, Context context,
            HttpServerRequest request, ObjectTarget target, byte[] expectedSha256, long declaredLength,
            long initialGrantBytes, BodyCheck bodyCheck, Listener listener) {
        this.store = store;
        this.budget = budget;
        this.limits = limits;
        this.context = context;
        this.request = request;
        this.target = target;
        this.digest = new BodyDigest(expectedSha256);
        this.declaredLength = declaredLength;
        this.grantedBytes = initialGrantBytes;
        this.bodyCheck = bodyCheck;
        this.listener = listener;
    }

    /** Starts reading the (paused) request body. */
    void start() {
        request.handler(this::onData);
        request.endHandler(ignored -> onEnd());
        request.exceptionHandler(error -> onClientGone());
        request.response().closeHandler(ignored -> onClientGone());
        scheduleIdleCheck(limits.idleTimeout().toMillis());
        updateFlow();
    }

    /** Aborts the upload from outside, for example on shutdown, unless the whole body has arrived. */
    void cancel(UploadFailure reason) {
        context.runOnContext(ignored -> {
            if (!ended) {
                fail(reason);
            }
        });
    }

    /** Aborts the upload when the client leaves before the body ended; once the body has ended, the upload finishes. */
    private void onClientGone() {
        if (!ended) {
            fail(new UploadFailure("client_disconnected", null));
        }
    }

    private void onData(Buffer buffer) {
        if (failure != null) {
            return;
        }
        lastReadNanos = System.nanoTime();
        receivedBytes += buffer.length();
        if (receivedBytes > limits.maxBodyBytes()) {
            fail(UploadFailure.tooLarge(limits.maxBodyBytes()));
            return;
        }
        ApiException rejected = bodyCheck.inspect(buffer);
        if (rejected != null) {
            fail(new UploadFailure("invalid_body", rejected));
            return;
        }
        // A copy, because the HTTP layer may reuse the memory behind the buffer once this handler returns.
        ByteBuffer bytes = ByteBuffer.wrap(buffer.getBytes());
        digest.update(bytes);
        current.add(bytes);
        currentBytes += bytes.remaining();
        if (currentBytes > limits.partSizeBytes()) {
            startPart(cutPart(limits.partSizeBytes()));
            takeNextSlot();
        }
        updateFlow();
    }

    private void onEnd() {
        if (failure != null) {
            return;
        }
        ended = true;
        ApiException rejected = bodyCheck.finish();
        if (rejected != null) {
            fail(new UploadFailure("invalid_body", rejected));
            return;
        }
        if (uploadId == null) {
            putWholeObject();
            return;
        }
        if (currentBytes > 0) {
            startPart(cutPart(currentBytes));
        }
        completeIfDone();
    }

    /** Takes the first {@code size} bytes of the current part buffers as a new part. */
    private Part cutPart(long size) {
        List<ByteBuffer> partBuffers = new ArrayList<>();
        long remaining = size;
        while (remaining > 0) {
            ByteBuffer head = current.get(0);
            if (head.remaining() <= remaining) {
                partBuffers.add(current.remove(0));
                remaining -= head.remaining();
            } else {
                ByteBuffer slice = head.duplicate();
                slice.limit(slice.position() + (int) remaining);
                partBuffers.add(slice.slice());
                head.position(head.position() + (int) remaining);
                remaining = 0;
            }
        }
        currentBytes -= size;
        cutBytes += size;
        return new Part(nextPartNumber++, partBuffers, size);
    }

    private void startPart(Part part) {
        if (uploadId == null) {
            uploadId = store.createMultipartUpload(target);
        }
        CompletableFuture<StoredPart> upload = uploadId.thenCompose(
                id -> store.uploadPart(target, id, part.number(), part.buffers(), part.bytes()));
        runningParts.add(upload);
        listener.partStarted();
        LOG.debugf("part started key=%s part=%d bytes=%d", target.key(), part.number(), part.bytes());
        onContext(upload, (stored, error) -> onPartDone(upload, part, stored, error));
    }

    private void onPartDone(CompletableFuture<StoredPart> upload, Part part, StoredPart stored, Throwable error) {
        runningParts.remove(upload);
        listener.partFinished();
        releaseSlot(part.bytes());
        if (error != null && failure == null) {
            fail(UploadFailure.fromStore(error));
            return;
        }
        if (failure != null) {
            abortWhenIdle();
            return;
        }
        storedParts.add(stored);
        updateFlow();
        completeIfDone();
    }

    /** Returns the size of the first part slot: a whole part, or the declared body when it is smaller. */
    static long firstSlotBytes(UploadLimits limits, long declaredLength) {
        return declaredLength < 0 ? limits.partSizeBytes() : Math.min(limits.partSizeBytes(), declaredLength);
    }

    /** Takes the slot for the part after {@code cutBytes}, from the budget when it has room at once. */
    private void takeNextSlot() {
        long slot = declaredLength < 0 ? limits.partSizeBytes()
                : Math.min(limits.partSizeBytes(), declaredLength - cutBytes);
        if (slot <= 0) {
            return;
        }
        if (runningParts.size() < limits.maxPartsInFlight() && budget.tryAcquire(slot)) {
            grantedBytes += slot;
            return;
        }
        awaitedSlotBytes = slot;
    }

    /** Passes the slot of a finished part to the part that waits for one, and returns the rest to the budget. */
    private void releaseSlot(long partBytes) {
        long kept = Math.min(awaitedSlotBytes, partBytes);
        awaitedSlotBytes = 0;
        grantedBytes -= partBytes - kept;
        budget.release(partBytes - kept);
    }

    private void putWholeObject() {
        finishing = true;
        if (!digest.matches()) {
            fail(new UploadFailure("digest_mismatch", digest.mismatch()));
            return;
        }
        String sha = digest.hex();
        ObjectTarget withDigest = withDigest(sha);
        onContext(store.putObject(withDigest, List.copyOf(current), currentBytes), (etag, error) -> {
            if (error != null) {
                fail(UploadFailure.fromStore(error));
                return;
            }
            succeed(new UploadResult(target.key(), receivedBytes, 1, sha, etag));
        });
    }

    private void completeIfDone() {
        if (!ended || finishing || failure != null || !runningParts.isEmpty()) {
            return;
        }
        finishing = true;
        if (!digest.matches()) {
            fail(new UploadFailure("digest_mismatch", digest.mismatch()));
            return;
        }
        String sha = digest.hex();
        List<StoredPart> parts = storedParts.stream().sorted(Comparator.comparingInt(StoredPart::partNumber)).toList();
        CompletableFuture<String> completed = uploadId.thenCompose(
                id -> store.completeMultipartUpload(target, id, parts));
        onContext(completed, (etag, error) -> {
            if (error != null) {
                fail(UploadFailure.fromStore(error));
                return;
            }
            succeed(new UploadResult(target.key(), receivedBytes, parts.size(), sha, etag));
        });
    }

    private ObjectTarget withDigest(String sha) {
        if (target.metadata().containsKey(ChunkMetadata.SHA256)) {
            return target;
        }
        Map<String, String> metadata = new HashMap<>(target.metadata());
        metadata.put(ChunkMetadata.SHA256, sha);
        return target.withMetadata(metadata);
    }

    /** Records the first failure and stops reading; abortWhenIdle aborts once no part is running. */
    private void fail(UploadFailure reason) {
        if (failure != null || settled) {
            return;
        }
        failure = reason;
        updateFlow();
        // Running parts are left to finish, so that the abort comes after the last part and frees every byte.
        abortWhenIdle();
    }

    private void abortWhenIdle() {
        if (!runningParts.isEmpty() || settled) {
            return;
        }
        settled = true;
        releaseBudget();
        if (uploadId == null || uploadId.isCompletedExceptionally()) {
            listener.aborted(failure);
            return;
        }
        CompletableFuture<Void> aborted = uploadId.thenCompose(id -> store.abortMultipartUpload(target, id));
        onContext(aborted, (ignored, error) -> {
            if (error != null && !(StoreException.from("AbortMultipartUpload", error).kind()
                    == StoreException.Kind.NOT_FOUND)) {
                LOG.warnf("AbortMultipartUpload failed bucket=%s key=%s error=%s; the stale-upload sweep will retry",
                        target.bucket(), target.key(), error.getMessage());
            }
            listener.aborted(failure);
        });
    }

    private void succeed(UploadResult result) {
        settled = true;
        releaseBudget();
        listener.completed(result);
    }

    private void releaseBudget() {
        cancelIdleCheck();
        budget.release(grantedBytes);
        grantedBytes = 0;
        current.clear();
        currentBytes = 0;
    }

    private void updateFlow() {
        boolean shouldPause = failure != null || awaitedSlotBytes > 0 || ended;
        if (shouldPause && !paused) {
            request.pause();
            paused = true;
        } else if (!shouldPause && paused) {
            paused = false;
            lastReadNanos = System.nanoTime();
            request.resume();
        }
    }

    private void scheduleIdleCheck(long delayMillis) {
        idleTimerId = context.owner().setTimer(Math.max(1, delayMillis), id -> checkIdle());
    }

    private void checkIdle() {
        idleTimerId = -1;
        if (settled || ended || failure != null) {
            return;
        }
        long idleMillis = (System.nanoTime() - lastReadNanos) / 1_000_000;
        long timeoutMillis = limits.idleTimeout().toMillis();
        if (paused || idleMillis < timeoutMillis) {
            scheduleIdleCheck(paused ? timeoutMillis : timeoutMillis - idleMillis);
            return;
        }
        fail(new UploadFailure("idle_timeout", new ApiException(ErrorCode.IDLE_TIMEOUT,
                "No body bytes arrived for " + limits.idleTimeout().toSeconds() + " seconds",
                Map.of("idleTimeoutSeconds", limits.idleTimeout().toSeconds()))));
    }

    private void cancelIdleCheck() {
        if (idleTimerId >= 0) {
            context.owner().cancelTimer(idleTimerId);
            idleTimerId = -1;
        }
    }

    private <T> void onContext(CompletableFuture<T> future, BiConsumer<T, Throwable> action) {
        future.whenComplete((value, error) -> context.runOnContext(ignored -> action.accept(value, error)));
    }

    long receivedBytes() {
        return receivedBytes;
    }

    int partCount() {
        return nextPartNumber - 1;
    }

    private record Part(int number, List<ByteBuffer> buffers, long bytes) {
    }
}
