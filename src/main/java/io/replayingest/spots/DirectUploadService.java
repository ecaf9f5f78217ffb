package io.replayingest.spots;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.replayingest.config.SpotsConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
import io.replayingest.storage.ListedPart;
import io.replayingest.storage.ObjectStore;
import io.replayingest.storage.ObjectTarget;
import io.replayingest.storage.PresignedPut;
import io.replayingest.storage.StoreException;
import io.replayingest.storage.StoredPart;
import io.smallrye.mutiny.Uni;

/**
 * Direct uploads of spot files: the service starts a multipart upload and presigns its UploadPart URLs, the client
 * sends the parts straight to the store, and the service completes the upload after checking the parts against the
 * declared size. The declared size and part layout are kept in a small JSON object next to the upload.
 */
@ApplicationScoped
public class DirectUploadService {

    private static final Logger LOG = Logger.getLogger(DirectUploadService.class);
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9._~+=-]{1,1024}");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+"
            + "(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=[A-Za-z0-9!#$&^_.+\"-]+)*");

    private final ObjectStore store;
    private final SpotUploadRoute route;
    private final ObjectMapper mapper;
    private final String bucket;
    private final long maxSize;
    private final Duration urlTtl;
    private final Clock clock = Clock.systemUTC();

    @Inject
    DirectUploadService(ObjectStore store, SpotUploadRoute route, ObjectMapper mapper, StorageConfig storage,
            SpotsConfig spots) {
        this.store = store;
        this.route = route;
        this.mapper = mapper;
        this.bucket = storage.spotsBucket();
        this.maxSize = spots.maxSize().asLongValue();
        this.urlTtl = spots.uploadUrlTtl();
    }

    /** The request to start a direct upload. */
    public record StartRequest(Long size, String contentType) {
    }

    /** A started direct upload with one presigned URL per part. */
    public record Started(String uploadId, String key, long size, long partSize, int partCount, Instant expiresAt,
            List<PartUrl> parts) {
    }

    public record PartUrl(int partNumber, long bytes, String url) {
    }

    /** A completed direct upload. */
    public record Completed(String key, long bytes, int parts, String etag) {
    }

    /** Starts the multipart upload, records its plan and presigns a URL per part. */
    public Uni<Started> start(SpotRef spot, StartRequest request) {
        long size = requireSize(request);
        String contentType = requireContentType(spot, request.contentType());
        long partSize = DirectUploadPlan.partSizeFor(size);
        int partCount = DirectUploadPlan.partCountFor(size, partSize);
        ObjectTarget target = new ObjectTarget(bucket, spot.objectKey(), contentType, null, route.tags(spot), Map.of());

        return Uni.createFrom().completionStage(() -> store.createMultipartUpload(target))
                .onItem().transformToUni(uploadId -> record(spot, new DirectUploadPlan(spot.projectId(),
                        spot.spotId(), spot.file(), uploadId, size, partSize, partCount, contentType,
                        clock.instant())))
                .map(plan -> presign(spot, plan))
                .invoke(started -> LOG.infof("direct upload started kind=spot %s bytes=%d parts=%d",
                        spot.logFields(), size, partCount));
    }

    /** Checks the uploaded parts against the plan and completes the upload; 409 when they do not match. */
    public Uni<Completed> complete(SpotRef spot, String uploadId) {
        requireUploadId(uploadId);
        ObjectTarget target = new ObjectTarget(bucket, spot.objectKey(), null, null, Map.of(), Map.of());

        return readPlan(spot, uploadId)
                .onItem().transformToUni(plan -> Uni.createFrom()
                        .completionStage(() -> store.listParts(bucket, spot.objectKey(), uploadId))
                        .map(parts -> checkParts(plan, parts))
                        .onItem().transformToUni(parts -> Uni.createFrom().completionStage(() -> store
                                .completeMultipartUpload(target, uploadId, parts))
                                .map(etag -> new Completed(spot.objectKey(), plan.size(), parts.size(), etag))))
                .onItem().call(completed -> deleteRecord(spot, uploadId))
                .invoke(completed -> LOG.infof("upload completed kind=spot %s bytes=%d parts=%d outcome=completed"
                        + " mode=direct", spot.logFields(), completed.bytes(), completed.parts()));
    }

    /** Aborts the upload and deletes its record. */
    public Uni<Void> abort(SpotRef spot, String uploadId) {
        requireUploadId(uploadId);
        ObjectTarget target = new ObjectTarget(bucket, spot.objectKey(), null, null, Map.of(), Map.of());

        return readPlan(spot, uploadId)
                .onItem().transformToUni(plan -> Uni.createFrom()
                        .completionStage(() -> store.abortMultipartUpload(target, uploadId))
                        .onFailure(SpotResource::isNotFound).recoverWithNull())
                .onItem().call(ignored -> deleteRecord(spot, uploadId))
                .invoke(ignored -> LOG.infof("upload aborted kind=spot %s outcome=aborted reason=client_abort"
                        + " mode=direct", spot.logFields()))
                .replaceWithVoid();
    }

    private long requireSize(StartRequest request) {
        Long size = request == null ? null : request.size();
        if (size == null || size < 1) {
            throw new ApiException(ErrorCode.INVALID_BODY, "Invalid size " + size + ": expected the file's size in"
                    + " bytes, at least 1, as JSON {\"size\": <bytes>, \"contentType\": \"video/webm\"}",
                    Map.of("field", "size", "value", String.valueOf(size)));
        }
        if (size > maxSize) {
            throw new ApiException(ErrorCode.BODY_TOO_LARGE, "Size " + size + " exceeds the limit of " + maxSize
                    + " bytes (spots.max-size)", Map.of("limitBytes", maxSize, "size", size));
        }
        return size;
    }

    private static String requireContentType(SpotRef spot, String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return spot.defaultContentType();
        }
        if (contentType.length() > 256 || !CONTENT_TYPE.matcher(contentType).matches()) {
            throw new ApiException(ErrorCode.INVALID_BODY, "Invalid contentType '" + contentType
                    + "': expected a media type such as video/webm", Map.of("field", "contentType", "value",
                            contentType));
        }
        return contentType;
    }

    private static void requireUploadId(String uploadId) {
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
            throw ApiException.invalidParameter("uploadId", String.valueOf(uploadId),
                    "expected the uploadId returned when the upload was started");
        }
    }

    /** Stores the plan. When that fails, the multipart upload is aborted, so no upload is left without a record. */
    private Uni<DirectUploadPlan> record(SpotRef spot, DirectUploadPlan plan) {
        byte[] json = toJson(plan);
        ObjectTarget target = new ObjectTarget(bucket, DirectUploadPlan.recordKey(spot, plan.uploadId()),
                "application/json", null, route.tags(spot), Map.of());
        ObjectTarget upload = new ObjectTarget(bucket, spot.objectKey(), null, null, Map.of(), Map.of());

        return Uni.createFrom().completionStage(() -> store.putObject(target, List.of(ByteBuffer.wrap(json)),
                json.length))
                .replaceWith(plan)
                .onFailure().call(error -> Uni.createFrom()
                        .completionStage(() -> store.abortMultipartUpload(upload, plan.uploadId()))
                        .onFailure().recoverWithNull());
    }

    private Uni<DirectUploadPlan> readPlan(SpotRef spot, String uploadId) {
        return Uni.createFrom().completionStage(() -> store.getObject(bucket, DirectUploadPlan.recordKey(spot,
                uploadId)))
                .onFailure(SpotResource::isNotFound).transform(error -> uploadNotFound(spot, uploadId))
                .map(this::parse);
    }

    private Uni<Void> deleteRecord(SpotRef spot, String uploadId) {
        return Uni.createFrom().completionStage(() -> store.deleteObject(bucket, DirectUploadPlan.recordKey(spot,
                uploadId)))
                .onFailure().invoke(error -> LOG.warnf("deleting a direct upload record failed bucket=%s %s"
                        + " error=%s; a lifecycle rule on .uploads/ removes it", bucket, spot.logFields(),
                        error.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Started presign(SpotRef spot, DirectUploadPlan plan) {
        List<PartUrl> parts = new ArrayList<>(plan.partCount());
        Instant expiresAt = Instant.MAX;
        for (int number = 1; number <= plan.partCount(); number++) {
            PresignedPut put = store.presignUploadPart(bucket, spot.objectKey(), plan.uploadId(), number, urlTtl);
            parts.add(new PartUrl(number, plan.expectedPartBytes(number), put.url().toString()));
            expiresAt = put.expiresAt().isBefore(expiresAt) ? put.expiresAt() : expiresAt;
        }
        return new Started(plan.uploadId(), spot.objectKey(), plan.size(), plan.partSize(), plan.partCount(),
                expiresAt, parts);
    }

    /** Returns the parts to complete with, or throws 409 naming the first difference from the plan. */
    static List<StoredPart> checkParts(DirectUploadPlan plan, List<ListedPart> parts) {
        long total = parts.stream().mapToLong(ListedPart::bytes).sum();
        if (parts.size() != plan.partCount() || total != plan.size()) {
            throw partsMismatch(plan, "expected " + plan.partCount() + " parts with " + plan.size() + " bytes in"
                    + " total, found " + parts.size() + " parts with " + total + " bytes", parts.size(), total);
        }
        for (int i = 0; i < parts.size(); i++) {
            ListedPart part = parts.get(i);
            int expectedNumber = i + 1;
            if (part.partNumber() != expectedNumber || part.bytes() != plan.expectedPartBytes(expectedNumber)) {
                throw partsMismatch(plan, "expected part " + expectedNumber + " with "
                        + plan.expectedPartBytes(expectedNumber) + " bytes, found part " + part.partNumber()
                        + " with " + part.bytes() + " bytes", parts.size(), total);
            }
        }
        return parts.stream().map(part -> new StoredPart(part.partNumber(), part.etag())).toList();
    }

    private static ApiException partsMismatch(DirectUploadPlan plan, String difference, int count, long total) {
        return new ApiException(ErrorCode.CONFLICT, "The uploaded parts do not match the declared size: " + difference
                + "; upload the missing or wrong parts again with their URLs and retry, or abort the upload",
                Map.of("uploadId", plan.uploadId(), "expectedParts", plan.partCount(), "expectedBytes", plan.size(),
                        "parts", count, "bytes", total));
    }

    private static ApiException uploadNotFound(SpotRef spot, String uploadId) {
        return new ApiException(ErrorCode.NOT_FOUND, "No direct upload '" + uploadId + "' of file " + spot.file()
                + " of spot '" + spot.spotId() + "' in project '" + spot.projectId() + "': it was completed, aborted"
                + " or never started", Map.of("uploadId", uploadId));
    }

    private byte[] toJson(DirectUploadPlan plan) {
        try {
            return mapper.writeValueAsBytes(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Direct upload record cannot be written as JSON", e);
        }
    }

    private DirectUploadPlan parse(byte[] json) {
        try {
            return mapper.readValue(json, DirectUploadPlan.class);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.STORE_ERROR, "A direct upload record is not valid JSON: abort the upload"
                    + " and start again", Map.of(), null, e);
        }
    }
}
