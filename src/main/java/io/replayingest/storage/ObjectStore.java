package io.replayingest.storage;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The object store operations that uploads need. Every future fails with a {@link StoreException}. Bodies are passed
 * as buffers that the caller must not change until the future completes, since a retry may send them again.
 */
public interface ObjectStore {

    /** Stores a whole object in one request and returns its ETag. */
    CompletableFuture<String> putObject(ObjectTarget target, List<ByteBuffer> body, long length);

    /** Starts a multipart upload and returns its upload id. */
    CompletableFuture<String> createMultipartUpload(ObjectTarget target);

    /** Uploads one part and returns it with its ETag. */
    CompletableFuture<StoredPart> uploadPart(ObjectTarget target, String uploadId, int partNumber,
            List<ByteBuffer> body, long length);

    /** Completes a multipart upload from its parts in ascending part number order and returns the object's ETag. */
    CompletableFuture<String> completeMultipartUpload(ObjectTarget target, String uploadId, List<StoredPart> parts);

    /** Aborts a multipart upload so that the store frees its parts. */
    CompletableFuture<Void> abortMultipartUpload(ObjectTarget target, String uploadId);
}
