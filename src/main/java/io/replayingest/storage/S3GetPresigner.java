package io.replayingest.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import io.replayingest.config.StorageConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Presigns GET requests locally with SigV4. URLs are signed for {@code s3.public-endpoint} when it is set, because
 * the host is part of the signature and must be the one that the browser sends.
 */
final class S3GetPresigner implements AutoCloseable {

    private final S3Presigner presigner;

    S3GetPresigner(StorageConfig config, AwsCredentialsProvider credentials) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build());
        config.publicEndpoint().or(config::endpoint).ifPresent(builder::endpointOverride);
        this.presigner = builder.build();
    }

    PresignedUrl presignGet(String bucket, String key, Duration ttl) {
        PresignedGetObjectRequest presigned = presigner.presignGetObject(request -> request
                .signatureDuration(ttl)
                .getObjectRequest(get -> get.bucket(bucket).key(key)));
        if (!presigned.isBrowserExecutable()) {
            // Guards against an SDK upgrade that signs a header such as x-amz-checksum-mode into GET URLs.
            throw new IllegalStateException("Presigned GET of " + bucket + "/" + key + " needs signed headers "
                    + presigned.signedHeaders().keySet() + " that a browser cannot send");
        }
        return new PresignedUrl(toUri(presigned), presigned.expiration());
    }

    private static URI toUri(PresignedGetObjectRequest presigned) {
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
