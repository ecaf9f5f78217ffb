package io.replayingest.config;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Connection to the S3-compatible store and the names of its buckets. The keys match the {@code s3} section that
 * operators know from OpenReplay, so {@code S3_ENDPOINT}, {@code S3_ACCESS_KEY} and the others set them from the
 * environment.
 */
@ConfigMapping(prefix = "s3")
public interface StorageConfig {

    /** URL of the S3 API; unset means AWS for the configured region. */
    Optional<URI> endpoint();

    /**
     * URL of the S3 API as browsers reach it, when it differs from {@link #endpoint()}; presigned URLs are signed for
     * this host. Unset means presigned URLs use {@link #endpoint()}.
     */
    Optional<URI> publicEndpoint();

    /** Region of the buckets, default {@code us-east-1}. */
    @WithDefault("us-east-1")
    String region();

    /** Access key id; unset means the AWS SDK's default credentials chain (environment, profile, IAM role). */
    Optional<String> accessKey();

    /** Secret access key, required when {@link #accessKey()} is set. */
    Optional<String> secretKey();

    /** Path-style addressing ({@code endpoint/bucket/key}), which MinIO and most self-hosted stores need; default false. */
    @WithDefault("false")
    boolean pathStyle();

    /** Whether objects get S3 tags; default true. Some stores have no tagging API. */
    @WithDefault("true")
    boolean tagging();

    /**
     * When the AWS SDK adds request checksums: {@code when-required} (default) sends plain bodies that every
     * S3-compatible store accepts; {@code when-supported} adds CRC32 trailers with {@code aws-chunked} encoding.
     */
    @WithDefault("when-required")
    ChecksumMode requestChecksums();

    /** Bucket for session recordings, default {@code recordings}. */
    @WithDefault("recordings")
    String recordingsBucket();

    /** Bucket for public replay assets, default {@code assets}. */
    @WithDefault("assets")
    String assetsBucket();

    /** Bucket for sourcemaps, default {@code sourcemaps}. */
    @WithDefault("sourcemaps")
    String sourcemapsBucket();

    /** Bucket for spot recordings, default {@code spots}. */
    @WithDefault("spots")
    String spotsBucket();

    /** When the AWS SDK computes checksums on requests. */
    enum ChecksumMode {
        WHEN_REQUIRED,
        WHEN_SUPPORTED
    }
}
