package io.replayingest.spots;

import java.time.Instant;

/**
 * A direct upload as the service records it next to the multipart upload, so that completing it can check the parts
 * against what the client declared. The store keeps no such data on a multipart upload itself.
 *
 * @param partSize bytes of every part but the last
 */
public record DirectUploadPlan(String projectId, String spotId, String file, String uploadId, long size,
        long partSize, int partCount, String contentType, Instant createdAt) {

    /** S3's smallest part, except for the last one. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** S3's largest part number. */
    static final int MAX_PARTS = 10_000;
    private static final long MIB = 1024 * 1024;

    /** Returns the part size for a body of {@code size} bytes: at least 5 MiB, whole MiB, at most 10,000 parts. */
    static long partSizeFor(long size) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        long wholeMebibytes = (needed + MIB - 1) / MIB * MIB;
        return Math.max(MIN_PART_SIZE, wholeMebibytes);
    }

    /** Returns the number of parts of a body of {@code size} bytes in parts of {@code partSize}; at least 1. */
    static int partCountFor(long size, long partSize) {
        return (int) Math.max(1, (size + partSize - 1) / partSize);
    }

    /** Returns the expected size of part {@code partNumber} (1-based). */
    long expectedPartBytes(int partNumber) {
        return partNumber < partCount ? partSize : size - partSize * (partCount - 1);
    }

    /** Key of this record in the spots bucket, outside the prefix of any spot. */
    static String recordKey(SpotRef spot, String uploadId) {
        return ".uploads/" + spot.objectKey() + "/" + uploadId + ".json";
    }
}
