package io.replayingest.operations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.replayingest.config.BucketSetupConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.operations.SetupStep.Outcome;
import io.replayingest.storage.BucketAdmin;
import io.replayingest.storage.CorsRule;
import io.replayingest.storage.LifecycleRule;
import io.replayingest.storage.StoreException;

/**
 * Prepares the four buckets: creates missing ones, applies the CORS rule, makes only the assets bucket publicly
 * readable and checks that the others are not, and applies the lifecycle rules. Every step compares first and
 * changes only what differs, so that running it again changes nothing. A call the store does not support is
 * reported by name, and the remaining steps still run.
 * <p>
 * It blocks on each store call, so it must run on the main thread of the {@code setup} command, never on an event
 * loop.
 */
@ApplicationScoped
public class BucketSetup {

    /** Prefix of the lifecycle rule ids that setup owns; rules with other ids are left as they are. */
    static final String RULE_PREFIX = "replay-ingest-";
    static final String ABORT_RULE_ID = RULE_PREFIX + "abort-incomplete-uploads";
    static final String RETENTION_TAG = "retention";
    private static final List<String> CORS_METHODS = List.of("GET", "HEAD");

    private final BucketAdmin admin;
    private final StorageConfig storage;
    private final BucketSetupConfig config;
    private final ObjectMapper mapper;

    @Inject
    BucketSetup(BucketAdmin admin, StorageConfig storage, BucketSetupConfig config, ObjectMapper mapper) {
        this.admin = admin;
        this.storage = storage;
        this.config = config;
        this.mapper = mapper;
    }

    /** Runs every step on every bucket, passing each result to {@code output} as soon as it is known. */
    public List<SetupStep> run(boolean dryRun, Consumer<SetupStep> output) {
        List<SetupStep> steps = new ArrayList<>();
        Consumer<SetupStep> report = step -> {
            steps.add(step);
            output.accept(step);
        };
        for (String bucket : List.of(storage.recordingsBucket(), storage.assetsBucket(), storage.sourcemapsBucket(),
                storage.spotsBucket())) {
            new BucketRun(bucket, dryRun, report).run();
        }
        return steps;
    }

    /** The steps for one bucket. */
    private final class BucketRun {
        private final String bucket;
        private final boolean dryRun;
        private final Consumer<SetupStep> report;

        BucketRun(String bucket, boolean dryRun, Consumer<SetupStep> report) {
            this.bucket = bucket;
            this.dryRun = dryRun;
            this.report = report;
        }

        void run() {
            boolean exists = attempt("bucket", this::ensureBucket);
            if (!exists) {
                return;
            }
            attempt("CORS rule", this::applyCors);
            if (bucket.equals(storage.assetsBucket())) {
                attempt("public read", this::applyPublicRead);
            } else {
                attempt("not public", this::checkNotPublic);
            }
            attempt("lifecycle rules", this::applyLifecycle);
        }

        /** Runs one step; a store failure ends the step with {@code unsupported} or {@code failed}. */
        private boolean attempt(String step, StepAction action) {
            try {
                SetupStep result = action.run(step);
                report.accept(result);
                return result.outcome() != Outcome.FAILED && result.outcome() != Outcome.UNSUPPORTED
                        && !(dryRun && result.outcome() == Outcome.WOULD_CHANGE && step.equals("bucket"));
            } catch (CompletionException | StoreException e) {
                StoreException failure = StoreException.from(step, e);
                Outcome outcome = failure.unsupported() ? Outcome.UNSUPPORTED : Outcome.FAILED;
                String detail = failure.unsupported()
                        ? "the store does not support " + failure.operation() + " (" + failure.reason() + ")"
                        : failure.getMessage();
                report.accept(new SetupStep(bucket, step, outcome, detail));
                return false;
            }
        }

        private SetupStep ensureBucket(String step) {
            if (admin.bucketExists(bucket).join()) {
                return new SetupStep(bucket, step, Outcome.ALREADY_RIGHT, "exists");
            }
            if (dryRun) {
                return new SetupStep(bucket, step, Outcome.WOULD_CHANGE,
                        "would create it; its other steps are checked once it exists");
            }
            admin.createBucket(bucket).join();
            return new SetupStep(bucket, step, Outcome.CHANGED, "created in " + storage.region());
        }

        // NOTE: The CORS, bucket policy and public access block changes have only run against stores that lack
        // those calls (S3Mock 5.2.0, S3Proxy 4.1.0), so their success paths are untested against AWS S3.
        private SetupStep applyCors(String step) {
            List<CorsRule> desired = List.of(new CorsRule(config.corsOrigins(), CORS_METHODS, List.of("*"),
                    List.of("ETag", "Content-Length", "Content-Encoding"), 3600));
            String detail = String.join(", ", CORS_METHODS) + " from " + String.join(", ", config.corsOrigins());
            if (sameCors(admin.getBucketCors(bucket).join(), desired)) {
                return new SetupStep(bucket, step, Outcome.ALREADY_RIGHT, detail);
            }
            if (dryRun) {
                return new SetupStep(bucket, step, Outcome.WOULD_CHANGE, "would set " + detail);
            }
            admin.putBucketCors(bucket, desired).join();
            if (!sameCors(admin.getBucketCors(bucket).join(), desired)) {
                return new SetupStep(bucket, step, Outcome.FAILED,
                        "the store accepted PutBucketCors but GetBucketCors returns other rules");
            }
            return new SetupStep(bucket, step, Outcome.CHANGED, "set " + detail);
        }

        private SetupStep applyPublicRead(String step) {
            String desired = publicReadPolicy(bucket);
            Optional<String> current = admin.getBucketPolicy(bucket).join();
            if (current.isPresent() && sameJson(current.get(), desired)) {
                return new SetupStep(bucket, step, Outcome.ALREADY_RIGHT, "s3:GetObject allowed for everyone");
            }
            if (dryRun) {
                return new SetupStep(bucket, step, Outcome.WOULD_CHANGE,
                        "would set a policy that allows s3:GetObject for everyone"
                                + (current.isPresent() ? ", replacing the current policy" : ""));
            }
            boolean unblocked = unblockPublicPolicy();
            admin.putBucketPolicy(bucket, desired).join();
            return new SetupStep(bucket, step, Outcome.CHANGED, "set a policy that allows s3:GetObject for everyone"
                    + (unblocked ? ", after allowing public policies in the bucket's public access block" : ""));
        }

        /** Turns off the public access block settings that stop a public policy; returns whether it had to. */
        private boolean unblockPublicPolicy() {
            try {
                if (!admin.blocksPublicPolicy(bucket).join()) {
                    return false;
                }
            } catch (CompletionException | StoreException e) {
                if (StoreException.from("GetPublicAccessBlock", e).unsupported()) {
                    return false;
                }
                throw e;
            }
            admin.allowPublicPolicy(bucket).join();
            return true;
        }

        private SetupStep checkNotPublic(String step) {
            try {
                boolean isPublic = admin.isBucketPublic(bucket).join();
                return isPublic
                        ? new SetupStep(bucket, step, Outcome.FAILED, "the bucket policy makes it public; remove the"
                                + " statements that allow everyone (Principal *)")
                        : new SetupStep(bucket, step, Outcome.ALREADY_RIGHT, "GetBucketPolicyStatus: not public");
            } catch (CompletionException | StoreException e) {
                if (!StoreException.from("GetBucketPolicyStatus", e).unsupported()) {
                    throw e;
                }
            }
            Optional<String> policy;
            try {
                policy = admin.getBucketPolicy(bucket).join();
            } catch (CompletionException | StoreException e) {
                StoreException failure = StoreException.from("GetBucketPolicy", e);
                if (!failure.unsupported()) {
                    throw e;
                }
                return new SetupStep(bucket, step, Outcome.UNSUPPORTED, "the store supports neither"
                        + " GetBucketPolicyStatus nor GetBucketPolicy (" + failure.reason() + "), so this cannot be"
                        + " checked");
            }
            if (policy.isEmpty()) {
                return new SetupStep(bucket, step, Outcome.ALREADY_RIGHT, "no bucket policy");
            }
            return allowsEveryone(policy.get())
                    ? new SetupStep(bucket, step, Outcome.FAILED, "the bucket policy allows everyone (Principal *);"
                            + " remove those statements")
                    : new SetupStep(bucket, step, Outcome.ALREADY_RIGHT, "the bucket policy allows no one anonymous");
        }

        private SetupStep applyLifecycle(String step) {
            List<LifecycleRule> desired = lifecycleRules(bucket);
            List<LifecycleRule> current = admin.getLifecycleRules(bucket).join();
            List<LifecycleRule> ours = current.stream().filter(rule -> isOurs(rule)).toList();
            String detail = describe(desired);
            if (new HashSet<>(ours).equals(new HashSet<>(desired))) {
                return new SetupStep(bucket, step, Outcome.ALREADY_RIGHT, detail);
            }
            if (dryRun) {
                return new SetupStep(bucket, step, Outcome.WOULD_CHANGE, "would set " + detail);
            }
            List<LifecycleRule> others = current.stream().filter(rule -> !isOurs(rule)).toList();
            admin.putLifecycleRules(bucket, merged(others, desired)).join();
            List<LifecycleRule> stored = admin.getLifecycleRules(bucket).join().stream()
                    .filter(rule -> isOurs(rule))
                    .toList();
            if (new HashSet<>(stored).equals(new HashSet<>(desired))) {
                return new SetupStep(bucket, step, Outcome.CHANGED, "set " + detail);
            }
            if (droppedTagFilter(stored, desired)) {
                // Without its tag filter, a retention rule would expire every object, so it must not stay.
                List<LifecycleRule> untagged = desired.stream().filter(rule -> rule.tagKey() == null).toList();
                admin.putLifecycleRules(bucket, merged(others, untagged)).join();
                return new SetupStep(bucket, step, Outcome.UNSUPPORTED, "the store does not support tag filters in"
                        + " PutBucketLifecycleConfiguration (it stored the retention rules without their tag), so"
                        + " only these were kept: " + describe(untagged));
            }
            return new SetupStep(bucket, step, Outcome.FAILED, "the store accepted PutBucketLifecycleConfiguration"
                    + " but GetBucketLifecycleConfiguration returns other rules: " + stored);
        }
    }

    private static List<LifecycleRule> merged(List<LifecycleRule> others, List<LifecycleRule> ours) {
        List<LifecycleRule> rules = new ArrayList<>(others);
        rules.addAll(ours);
        return rules;
    }

    /** Returns whether the store kept a tag-filtered rule of {@code desired} but lost its tag. */
    private static boolean droppedTagFilter(List<LifecycleRule> stored, List<LifecycleRule> desired) {
        return desired.stream().filter(rule -> rule.tagKey() != null).anyMatch(rule -> stored.stream()
                .anyMatch(kept -> rule.id().equals(kept.id()) && kept.tagKey() == null));
    }

    /** Returns the rules that setup owns on {@code bucket}: abort incomplete uploads, and on recordings expiry by tag. */
    List<LifecycleRule> lifecycleRules(String bucket) {
        int abortDays = (int) Math.max(1, config.abortIncompleteAfter().toDays());
        List<LifecycleRule> rules = new ArrayList<>();
        rules.add(new LifecycleRule(ABORT_RULE_ID, null, null, null, abortDays, true));
        if (bucket.equals(storage.recordingsBucket())) {
            config.retentionDays().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> rules.add(new LifecycleRule(RULE_PREFIX + "expire-" + entry.getKey(),
                            RETENTION_TAG, entry.getKey(), entry.getValue(), null, true)));
        }
        return rules;
    }

    private static boolean isOurs(LifecycleRule rule) {
        return rule.id() != null && rule.id().startsWith(RULE_PREFIX);
    }

    private static String describe(List<LifecycleRule> rules) {
        List<String> parts = new ArrayList<>();
        rules.stream().sorted(Comparator.comparing(LifecycleRule::id)).forEach(rule -> {
            if (rule.abortIncompleteDays() != null) {
                parts.add("abort incomplete multipart uploads after " + days(rule.abortIncompleteDays()));
            }
            if (rule.expirationDays() != null) {
                parts.add("expire " + rule.tagKey() + "=" + rule.tagValue() + " after " + days(rule.expirationDays()));
            }
        });
        return String.join("; ", parts);
    }

    private static String days(int days) {
        return days == 1 ? "1 day" : days + " days";
    }

    static String publicReadPolicy(String bucket) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PublicReadObjects\",\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
    }

    private static boolean sameCors(List<CorsRule> current, List<CorsRule> desired) {
        return current.stream().map(BucketSetup::normalized).toList()
                .equals(desired.stream().map(BucketSetup::normalized).toList());
    }

    private static CorsRule normalized(CorsRule rule) {
        return new CorsRule(sorted(rule.allowedOrigins()), sorted(rule.allowedMethods()),
                sorted(rule.allowedHeaders()), sorted(rule.exposeHeaders()), rule.maxAgeSeconds());
    }

    private static List<String> sorted(List<String> values) {
        return values == null ? List.of() : values.stream().sorted().toList();
    }

    private boolean sameJson(String first, String second) {
        try {
            return mapper.readTree(first).equals(mapper.readTree(second));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Returns whether a policy has an Allow statement for Principal {@code *} or {@code {"AWS": "*"}}. */
    boolean allowsEveryone(String policy) {
        JsonNode statements;
        try {
            statements = mapper.readTree(policy).path("Statement");
        } catch (JsonProcessingException e) {
            return false;
        }
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else if (statements.isObject()) {
            list.add(statements);
        }
        return list.stream().anyMatch(statement -> "Allow".equals(statement.path("Effect").asText())
                && ("*".equals(statement.path("Principal").asText())
                        || "*".equals(statement.path("Principal").path("AWS").asText())));
    }

    @FunctionalInterface
    private interface StepAction {
        SetupStep run(String step);
    }
}
