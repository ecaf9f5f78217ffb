package io.replayingest.storage;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.replayingest.config.StorageConfig;
import io.replayingest.observability.IngestMetrics;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.Tag;

/** {@link ObjectStore} on the AWS SDK's asynchronous S3 client, configured from {@link StorageConfig}. */
@ApplicationScoped
public class S3ObjectStore implements ObjectStore {

    /** Connections to the store; each running part upload uses one. */
    private static final int MAX_CONNECTIONS = 256;

    private final S3AsyncClient client;
    private final S3GetPresigner presigner;
    private final S3PutPresigner putPresigner;
    private final IngestMetrics metrics;

    S3ObjectStore(StorageConfig config, IngestMetrics metrics) {
        this.metrics = metrics;
        AwsCredentialsProvider credentials = credentials(config);
        this.client = configure(S3AsyncClient.builder(), config, credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(MAX_CONNECTIONS)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(30)))
                .build();
        this.presigner = new S3GetPresigner(config, credentials);
        this.putPresigner = new S3PutPresigner(config, credentials);
    }

    /**
     * Applies the store settings. The client is built here rather than by the S3 extension because the request
     * checksum mode and the choice between static keys and the default credentials chain are runtime settings.
     */
    static S3AsyncClientBuilder configure(S3AsyncClientBuilder builder, StorageConfig config,
            AwsCredentialsProvider credentials) {
        builder.region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                .requestChecksumCalculation(config.requestChecksums() == StorageConfig.ChecksumMode.WHEN_REQUIRED
                        ? RequestChecksumCalculation.WHEN_REQUIRED
                        : RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        config.endpoint().ifPresent(builder::endpointOverride);
        builder.credentialsProvider(credentials);
        return builder;
    }

    /** Static keys when they are configured, otherwise the AWS SDK's default chain (environment, profile, IAM role). */
    static AwsCredentialsProvider credentials(StorageConfig config) {
        if (config.accessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKey().get(), config.secretKey().orElse("")));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @PreDestroy
    void close() {
        client.close();
        presigner.close();
        putPresigner.close();
    }

    @Override
    public CompletableFuture<String> putObject(ObjectTarget target, List<ByteBuffer> body, long length) {
        return call("PutObject", () -> client.putObject(request -> request.bucket(target.bucket())
                .key(target.key())
                .contentType(target.contentType())
                .contentEncoding(target.contentEncoding())
                .cacheControl(target.cacheControl())
                .contentLength(length)
                .tagging(tagging(target.tags()))
                .metadata(target.metadata()), body(body))
                .thenApply(response -> response.eTag()));
    }

    @Override
    public CompletableFuture<String> createMultipartUpload(ObjectTarget target) {
        return call("CreateMultipartUpload", () -> client.createMultipartUpload(request -> request
                .bucket(target.bucket())
                .key(target.key())
                .contentType(target.contentType())
                .contentEncoding(target.contentEncoding())
                .cacheControl(target.cacheControl())
                .tagging(tagging(target.tags()))
                .metadata(target.metadata()))
                .thenApply(response -> response.uploadId()));
    }

    @Override
    public CompletableFuture<StoredPart> uploadPart(ObjectTarget target, String uploadId, int partNumber,
            List<ByteBuffer> body, long length) {
        return call("UploadPart", () -> client.uploadPart(request -> request.bucket(target.bucket())
                .key(target.key())
                .uploadId(uploadId)
                .partNumber(partNumber)
                .contentLength(length), body(body))
                .thenApply(response -> new StoredPart(partNumber, response.eTag())));
    }

    @Override
    public CompletableFuture<String> completeMultipartUpload(ObjectTarget target, String uploadId,
            List<StoredPart> parts) {
        List<CompletedPart> completed = parts.stream()
                .map(part -> CompletedPart.builder().partNumber(part.partNumber()).eTag(part.etag()).build())
                .toList();

        return call("CompleteMultipartUpload", () -> client.completeMultipartUpload(request -> request
                .bucket(target.bucket())
                .key(target.key())
                .uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(completed).build()))
                .thenApply(response -> response.eTag()));
    }

    @Override
    public CompletableFuture<Void> abortMultipartUpload(ObjectTarget target, String uploadId) {
        return call("AbortMultipartUpload", () -> client.abortMultipartUpload(request -> request
                .bucket(target.bucket())
                .key(target.key())
                .uploadId(uploadId))
                .thenApply(response -> null));
    }

    @Override
    public CompletableFuture<List<ListedPart>> listParts(String bucket, String key, String uploadId) {
        List<ListedPart> parts = Collections.synchronizedList(new ArrayList<>());

        return call("ListParts", () -> client.listPartsPaginator(request -> request.bucket(bucket)
                .key(key)
                .uploadId(uploadId))
                .parts()
                .subscribe(part -> parts.add(new ListedPart(part.partNumber(), part.eTag(), part.size())))
                .thenApply(done -> parts.stream().sorted(Comparator.comparingInt(ListedPart::partNumber)).toList()));
    }

    @Override
    public CompletableFuture<Void> deleteObject(String bucket, String key) {
        return call("DeleteObject", () -> client.deleteObject(request -> request.bucket(bucket).key(key))
                .thenApply(response -> null));
    }

    @Override
    public CompletableFuture<List<ListedObject>> listObjects(String bucket, String prefix) {
        List<ListedObject> objects = Collections.synchronizedList(new ArrayList<>());

        return call("ListObjectsV2", () -> client.listObjectsV2Paginator(request -> request.bucket(bucket)
                .prefix(prefix))
                .contents()
                .subscribe(object -> objects.add(new ListedObject(object.key(), object.size(), object.lastModified())))
                .thenApply(done -> List.copyOf(objects)));
    }

    @Override
    public CompletableFuture<ObjectInfo> headObject(String bucket, String key) {
        return call("HeadObject", () -> client.headObject(request -> request.bucket(bucket).key(key))
                .thenApply(response -> new ObjectInfo(key, response.contentLength(), response.contentType(),
                        response.contentEncoding(), response.lastModified(), response.metadata())));
    }

    @Override
    public CompletableFuture<byte[]> getObject(String bucket, String key) {
        return call("GetObject", () -> client.getObject(request -> request.bucket(bucket).key(key),
                AsyncResponseTransformer.toBytes())
                .thenApply(response -> response.asByteArray()));
    }

    @Override
    public PresignedUrl presignGet(String bucket, String key, Duration ttl) {
        PresignedUrl url = presigner.presignGet(bucket, key, ttl);
        metrics.presignedUrlIssued(bucket);
        return url;
    }

    @Override
    public PresignedPut presignPut(ObjectTarget target, Duration ttl) {
        return putPresigner.presignPut(target, tagging(target.tags()), ttl);
    }

    @Override
    public PresignedPut presignUploadPart(String bucket, String key, String uploadId, int partNumber, Duration ttl) {
        return putPresigner.presignUploadPart(bucket, key, uploadId, partNumber, ttl);
    }

    @Override
    public CompletableFuture<Void> headBucket(String bucket) {
        return call("HeadBucket", () -> client.headBucket(request -> request.bucket(bucket))
                .thenApply(response -> null));
    }

    @Override
    public CompletableFuture<String> getBucketLocation(String bucket) {
        return call("GetBucketLocation", () -> client.getBucketLocation(request -> request.bucket(bucket))
                .thenApply(response -> response.locationConstraintAsString() == null ? ""
                        : response.locationConstraintAsString()));
    }

    @Override
    public CompletableFuture<Void> putObjectTagging(String bucket, String key, Map<String, String> tags) {
        List<Tag> tagSet = tags.entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                .toList();

        return call("PutObjectTagging", () -> client.putObjectTagging(request -> request.bucket(bucket)
                .key(key)
                .tagging(tagging -> tagging.tagSet(tagSet)))
                .thenApply(response -> null));
    }

    @Override
    public CompletableFuture<Map<String, String>> getObjectTagging(String bucket, String key) {
        return call("GetObjectTagging", () -> client.getObjectTagging(request -> request.bucket(bucket).key(key))
                .thenApply(response -> response.tagSet().stream()
                        .collect(Collectors.toMap(Tag::key, Tag::value, (first, second) -> second))));
    }

    @Override
    public CompletableFuture<List<PendingUpload>> listMultipartUploads(String bucket) {
        return listMultipartUploads(bucket, null, null, new ArrayList<>());
    }

    private CompletableFuture<List<PendingUpload>> listMultipartUploads(String bucket, String keyMarker,
            String uploadIdMarker, List<PendingUpload> found) {
        CompletableFuture<ListMultipartUploadsResponse> page = call("ListMultipartUploads",
                () -> client.listMultipartUploads(request -> request.bucket(bucket)
                        .keyMarker(keyMarker)
                        .uploadIdMarker(uploadIdMarker)));

        return page.thenCompose(response -> {
            response.uploads().forEach(upload -> found.add(
                    new PendingUpload(bucket, upload.key(), upload.uploadId(), upload.initiated())));
            if (Boolean.TRUE.equals(response.isTruncated()) && response.nextKeyMarker() != null) {
                return listMultipartUploads(bucket, response.nextKeyMarker(), response.nextUploadIdMarker(), found);
            }
            return CompletableFuture.completedFuture(found);
        });
    }

    /**
     * Runs one store request: converts its failure to a {@link StoreException}, forwards cancellation to the
     * request in flight, and times it by operation and outcome.
     */
    private <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> request) {
        long startNanos = System.nanoTime();
        CompletableFuture<T> result = new CompletableFuture<>();
        result.whenComplete((value, error) -> metrics.storeCall(operation, outcome(error),
                System.nanoTime() - startNanos));
        CompletableFuture<T> sdkFuture;
        try {
            sdkFuture = request.get();
        } catch (RuntimeException e) {
            result.completeExceptionally(StoreException.from(operation, e));
            return result;
        }
        sdkFuture.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(StoreException.from(operation, error));
            }
        });
        // Cancelling the returned future cancels the request in flight.
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                sdkFuture.cancel(true);
            }
        });
        return result;
    }

    /** Tag value for a call's outcome: {@code success}, {@code cancelled} or the failure class. */
    static String outcome(Throwable error) {
        if (error == null) {
            return "success";
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CancellationException) {
            return "cancelled";
        }
        if (cause instanceof StoreException store) {
            return store.kind().name().toLowerCase(Locale.ROOT);
        }
        return "failed";
    }

    private static AsyncRequestBody body(List<ByteBuffer> buffers) {
        // Sends each buffer from its position to its limit, without copying; a retry sends them again.
        return AsyncRequestBody.fromRemainingByteBuffersUnsafe(buffers.toArray(ByteBuffer[]::new));
    }

    private static String tagging(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return null;
        }
        return tags.entrySet().stream()
                .map(tag -> encode(tag.getKey()) + "=" + encode(tag.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
