package io.replayingest.storage;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Bucket configuration calls that the {@code setup} command needs and the running service never makes. Every
 * future fails with a {@link StoreException}; {@link StoreException#unsupported()} identifies a store that lacks a call.
 */
public interface BucketAdmin {

    /** Returns whether the bucket exists (HeadBucket). */
    CompletableFuture<Boolean> bucketExists(String bucket);

    /** Creates the bucket in the configured region. */
    CompletableFuture<Void> createBucket(String bucket);

    /** Returns the bucket's CORS rules; empty when it has none. */
    CompletableFuture<List<CorsRule>> getBucketCors(String bucket);

    /** Replaces the bucket's CORS rules. */
    CompletableFuture<Void> putBucketCors(String bucket, List<CorsRule> rules);

    /** Returns the bucket policy JSON, or empty when the bucket has none. */
    CompletableFuture<Optional<String>> getBucketPolicy(String bucket);

    /** Replaces the bucket policy. */
    CompletableFuture<Void> putBucketPolicy(String bucket, String policyJson);

    /** Returns whether the store considers the bucket public by its policy (GetBucketPolicyStatus). */
    CompletableFuture<Boolean> isBucketPublic(String bucket);

    /**
     * Returns whether the bucket's public access block stops a public bucket policy; false when the bucket has no
     * public access block.
     */
    CompletableFuture<Boolean> blocksPublicPolicy(String bucket);

    /** Lets the bucket have a public policy, while public ACLs stay blocked. */
    CompletableFuture<Void> allowPublicPolicy(String bucket);

    /** Returns the bucket's lifecycle rules; empty when it has none. */
    CompletableFuture<List<LifecycleRule>> getLifecycleRules(String bucket);

    /** Replaces the bucket's lifecycle rules. */
    CompletableFuture<Void> putLifecycleRules(String bucket, List<LifecycleRule> rules);
}
