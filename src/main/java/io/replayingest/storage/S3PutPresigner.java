package io.replayingest.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.replayingest.config.StorageConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigns PutObject and UploadPart requests locally with SigV4, for clients that upload straight to the store. Like
 * {@link S3GetPresigner}, it signs for {@code s3.public-endpoint} when it is set.
 */
final class S3PutPresigner implements AutoCloseable {

    private final S3Presigner presigner;

    S3PutPresigner(StorageConfig config, AwsCredentialsProvider credentials) {
        this.presigner = S3GetPresigner.build(config, credentials);
    }

    /** @param tagging the URL-encoded tag set, or null for none */
    PresignedPut presignPut(ObjectTarget target, String tagging, Duration ttl) {
        return toPut(presigner.presignPutObject(request -> request
                .signatureDuration(ttl)
                .putObjectRequest(put -> put.bucket(target.bucket())
                        .key(target.key())
                        .contentType(target.contentType())
                        .cacheControl(target.cacheControl())
                        .tagging(tagging)
                        .metadata(target.metadata()))));
    }

    PresignedPut presignUploadPart(String bucket, String key, String uploadId, int partNumber, Duration ttl) {
        return toPut(presigner.presignUploadPart(request -> request
                .signatureDuration(ttl)
                .uploadPartRequest(part -> part.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber))));
    }

    private static PresignedPut toPut(PresignedRequest presigned) {
        Map<String, String> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return new PresignedPut(toUri(presigned), presigned.expiration(), headers);
    }

    private static URI toUri(PresignedRequest presigned) {
        try {
            return presigned.url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The AWS SDK returned an invalid presigned URL", e);
        }
    }

    @Override
    public void close() {
        presigner.close();
    }
}
