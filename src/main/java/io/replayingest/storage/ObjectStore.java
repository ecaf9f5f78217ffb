package io.replayingest.storage;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The object store operations that uploads and replays need. Every future fails with a {@link StoreException}. Bodies
 * are passed as buffers that the caller must not change until the future completes, since a retry may send them again.
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

    /** Lists every object whose key starts with {@code prefix}, in ascending key order. */
    CompletableFuture<List<ListedObject>> listObjects(String bucket, String prefix);

    /** Reads an object's size, content headers and user metadata; fails with kind NOT_FOUND when it is absent. */
    CompletableFuture<ObjectInfo> headObject(String bucket, String key);

    /** Reads a whole object into memory, so it is meant for small objects such as manifests. */
    CompletableFuture<byte[]> getObject(String bucket, String key);

    /**
     * Presigns a GET of an object for {@code ttl}, without calling the store. The URL is signed for the host that
     * browsers reach and carries no signed header but {@code host}, so any HTTP client can send it unchanged.
     */
    PresignedUrl presignGet(String bucket, String key, Duration ttl);

    /** Lists the parts uploaded so far to a multipart upload, in ascending part number order. */
    CompletableFuture<List<ListedPart>> listParts(String bucket, String key, String uploadId);
    /** Succeeds when the bucket exists and the credentials may list it (HeadBucket). */
    CompletableFuture<Void> headBucket(String bucket);

    /** Returns the bucket's region as the store reports it; an empty string means us-east-1. */
    CompletableFuture<String> getBucketLocation(String bucket);

    /** Replaces the tags of an existing object. */
    CompletableFuture<Void> putObjectTagging(String bucket, String key, Map<String, String> tags);

    /** Returns the tags of an object. */
    CompletableFuture<Map<String, String>> getObjectTagging(String bucket, String key);

    /** Deletes an object; deleting an absent object succeeds. */
    CompletableFuture<Void> deleteObject(String bucket, String key);

    /**
     * Presigns a PutObject of {@code target} for {@code ttl}, without calling the store. The content type, cache
     * control and tags are signed, so the client must send the returned headers unchanged.
     */
    PresignedPut presignPut(ObjectTarget target, Duration ttl);

    /** Presigns an UploadPart of a multipart upload for {@code ttl}, without calling the store. */
    PresignedPut presignUploadPart(String bucket, String key, String uploadId, int partNumber, Duration ttl);
    /** Returns every multipart upload of the bucket that was neither completed nor aborted, across all pages. */
    CompletableFuture<List<PendingUpload>> listMultipartUploads(String bucket);
}
