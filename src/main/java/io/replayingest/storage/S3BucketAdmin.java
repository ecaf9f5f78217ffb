package io.replayingest.storage;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.replayingest.config.StorageConfig;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.AbortIncompleteMultipartUpload;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * {@link BucketAdmin} on the AWS SDK's asynchronous S3 client. It has a client of its own, built only when the
 * {@code setup} command runs, because the server never changes bucket settings.
 */
@ApplicationScoped
public class S3BucketAdmin implements BucketAdmin {

    private static final String US_EAST_1 = "us-east-1";
    private static final Set<String> BUCKET_EXISTS_CODES = Set.of("BucketAlreadyOwnedByYou", "BucketAlreadyExists");

    private final S3AsyncClient client;
    private final String region;

    S3BucketAdmin(StorageConfig config) {
        this.region = config.region();
        this.client = S3ObjectStore.configure(S3AsyncClient.builder(), config, S3ObjectStore.credentials(config))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public CompletableFuture<Boolean> bucketExists(String bucket) {
        return orWhenAbsent(call("HeadBucket", () -> client.headBucket(request -> request.bucket(bucket))
                .thenApply(response -> true)), false, Set.of("NoSuchBucket"));
    }

    @Override
    public CompletableFuture<Void> createBucket(String bucket) {
        return call("CreateBucket", () -> client.createBucket(request -> {
            request.bucket(bucket);
            // us-east-1 is the default location and S3 rejects it as an explicit constraint.
            if (!US_EAST_1.equals(region)) {
                request.createBucketConfiguration(configuration -> configuration.locationConstraint(region));
            }
        }).thenApply(response -> null));
    }

    @Override
    public CompletableFuture<List<CorsRule>> getBucketCors(String bucket) {
        CompletableFuture<List<CorsRule>> rules = call("GetBucketCors",
                () -> client.getBucketCors(request -> request.bucket(bucket))
                        .thenApply(response -> response.corsRules().stream()
                                .map(rule -> new CorsRule(rule.allowedOrigins(), rule.allowedMethods(),
                                        rule.allowedHeaders(), rule.exposeHeaders(),
                                        rule.maxAgeSeconds() == null ? 0 : rule.maxAgeSeconds()))
                                .toList()));
        return orWhenAbsent(rules, List.of(), Set.of("NoSuchCORSConfiguration"));
    }

    @Override
    public CompletableFuture<Void> putBucketCors(String bucket, List<CorsRule> rules) {
        List<CORSRule> sdkRules = rules.stream()
                .map(rule -> CORSRule.builder()
                        .allowedOrigins(rule.allowedOrigins())
                        .allowedMethods(rule.allowedMethods())
                        .allowedHeaders(rule.allowedHeaders())
                        .exposeHeaders(rule.exposeHeaders())
                        .maxAgeSeconds(rule.maxAgeSeconds())
                        .build())
                .toList();

        return call("PutBucketCors", () -> client.putBucketCors(request -> request.bucket(bucket)
                .corsConfiguration(configuration -> configuration.corsRules(sdkRules)))
                .thenApply(response -> null));
    }

    @Override
    public CompletableFuture<Optional<String>> getBucketPolicy(String bucket) {
        CompletableFuture<Optional<String>> found = call("GetBucketPolicy",
                () -> client.getBucketPolicy(request -> request.bucket(bucket))
                        .thenApply(response -> {
                            String policy = response.policy();
                            // A policy is a JSON object; a store without the call sends another response instead.
                            if (policy != null && !policy.isBlank() && !policy.stripLeading().startsWith("{")) {
                                throw StoreException.unsupported("GetBucketPolicy", "the response is no JSON policy");
                            }
                            return Optional.ofNullable(policy == null || policy.isBlank() ? null : policy);
                        }));
        return orWhenAbsent(found, Optional.empty(), Set.of("NoSuchBucketPolicy"));
    }

    @Override
    public CompletableFuture<Void> putBucketPolicy(String bucket, String policyJson) {
        return call("PutBucketPolicy", () -> client.putBucketPolicy(request -> request.bucket(bucket)
                .policy(policyJson))
                .thenApply(response -> null));
    }

    @Override
    public CompletableFuture<Boolean> isBucketPublic(String bucket) {
        CompletableFuture<Boolean> isPublic = call("GetBucketPolicyStatus",
                () -> client.getBucketPolicyStatus(request -> request.bucket(bucket))
                        .thenApply(response -> {
                            if (response.policyStatus() == null || response.policyStatus().isPublic() == null) {
                                // S3 always sends PolicyStatus with IsPublic; a store without the call sends another
                                // response, such as an object listing.
                                throw StoreException.unsupported("GetBucketPolicyStatus",
                                        "the response has no PolicyStatus.IsPublic");
                            }
                            return Boolean.TRUE.equals(response.policyStatus().isPublic());
                        }));
        return orWhenAbsent(isPublic, false, Set.of("NoSuchBucketPolicy"));
    }

    @Override
    public CompletableFuture<Boolean> blocksPublicPolicy(String bucket) {
        CompletableFuture<Boolean> blocks = call("GetPublicAccessBlock",
                () -> client.getPublicAccessBlock(request -> request.bucket(bucket))
                        .thenApply(response -> {
                            var block = response.publicAccessBlockConfiguration();
                            return block != null && (Boolean.TRUE.equals(block.blockPublicPolicy())
                                    || Boolean.TRUE.equals(block.restrictPublicBuckets()));
                        }));
        return orWhenAbsent(blocks, false, Set.of("NoSuchPublicAccessBlockConfiguration"));
    }

    @Override
    public CompletableFuture<Void> allowPublicPolicy(String bucket) {
        return call("PutPublicAccessBlock", () -> client.putPublicAccessBlock(request -> request.bucket(bucket)
                .publicAccessBlockConfiguration(block -> block.blockPublicAcls(true)
                        .ignorePublicAcls(true)
                        .blockPublicPolicy(false)
                        .restrictPublicBuckets(false)))
                .thenApply(response -> null));
    }

    @Override
    public CompletableFuture<List<LifecycleRule>> getLifecycleRules(String bucket) {
        CompletableFuture<List<LifecycleRule>> rules = call("GetBucketLifecycleConfiguration",
                () -> client.getBucketLifecycleConfiguration(request -> request.bucket(bucket))
                        .thenApply(response -> response.rules().stream().map(S3BucketAdmin::fromSdk).toList()));
        return orWhenAbsent(rules, List.of(), Set.of("NoSuchLifecycleConfiguration"));
    }

    @Override
    public CompletableFuture<Void> putLifecycleRules(String bucket, List<LifecycleRule> rules) {
        List<software.amazon.awssdk.services.s3.model.LifecycleRule> sdkRules = rules.stream()
                .map(S3BucketAdmin::toSdk)
                .toList();

        return call("PutBucketLifecycleConfiguration", () -> client.putBucketLifecycleConfiguration(request -> request
                .bucket(bucket)
                .lifecycleConfiguration(configuration -> configuration.rules(sdkRules)))
                .thenApply(response -> null));
    }

    private static LifecycleRule fromSdk(software.amazon.awssdk.services.s3.model.LifecycleRule rule) {
        Tag tag = rule.filter() == null ? null : rule.filter().tag();
        return new LifecycleRule(rule.id(), tag == null ? null : tag.key(), tag == null ? null : tag.value(),
                rule.expiration() == null ? null : rule.expiration().days(),
                rule.abortIncompleteMultipartUpload() == null ? null
                        : rule.abortIncompleteMultipartUpload().daysAfterInitiation(),
                rule.status() == ExpirationStatus.ENABLED);
    }

    private static software.amazon.awssdk.services.s3.model.LifecycleRule toSdk(LifecycleRule rule) {
        LifecycleRuleFilter filter = rule.tagKey() == null ? LifecycleRuleFilter.builder().prefix("").build()
                : LifecycleRuleFilter.builder().tag(Tag.builder().key(rule.tagKey()).value(rule.tagValue()).build())
                        .build();
        var builder = software.amazon.awssdk.services.s3.model.LifecycleRule.builder()
                .id(rule.id())
                .filter(filter)
                .status(rule.enabled() ? ExpirationStatus.ENABLED : ExpirationStatus.DISABLED);
        if (rule.expirationDays() != null) {
            builder.expiration(LifecycleExpiration.builder().days(rule.expirationDays()).build());
        }
        if (rule.abortIncompleteDays() != null) {
            builder.abortIncompleteMultipartUpload(AbortIncompleteMultipartUpload.builder()
                    .daysAfterInitiation(rule.abortIncompleteDays()).build());
        }
        return builder.build();
    }

    /** Completes with {@code absent} when the store returns 404 or one of {@code codes}, which mean "none set". */
    private static <T> CompletableFuture<T> orWhenAbsent(CompletableFuture<T> future, T absent, Set<String> codes) {
        return future.handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            StoreException failure = StoreException.from("store call", error);
            if (codes.contains(failure.errorCode())
                    || (failure.statusCode() == 404 && failure.errorCode() == null)) {
                return CompletableFuture.completedFuture(absent);
            }
            return CompletableFuture.<T> failedFuture(failure);
        }).thenCompose(result -> result);
    }

    private static <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> request) {
        try {
            return request.get().handle((value, error) -> {
                if (error == null) {
                    return value;
                }
                StoreException failure = StoreException.from(operation, error);
                // A store that ignores the sub-resource of PUT /bucket?cors (or ?policy, ?lifecycle) takes the call
                // for CreateBucket; S3Mock 5.2.0 does so for PutBucketCors.
                if (operation.startsWith("Put") && BUCKET_EXISTS_CODES.contains(failure.errorCode())) {
                    throw StoreException.unsupported(operation, failure.reason() + ", so the store took it for"
                            + " CreateBucket");
                }
                throw failure;
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(StoreException.from(operation, e));
        }
    }
}
