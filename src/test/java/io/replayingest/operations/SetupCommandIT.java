package io.replayingest.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.replayingest.testing.S3MockServer;
import io.replayingest.testing.ServiceProcess;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Runs {@code quarkus-run.jar setup} against S3Mock with bucket names that do not exist yet. */
class SetupCommandIT {

    static final List<String> BUCKETS = List.of("setup-recordings", "setup-assets", "setup-sourcemaps", "setup-spots");
    static S3MockServer store;
    static S3Client s3;

    @BeforeAll
    static void startStore() throws Exception {
        store = S3MockServer.start(Path.of("target", "it-s3mock", "setup-" + ProcessHandle.current().pid()));
        s3 = S3Client.builder()
                .endpointOverride(store.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopStore() {
        s3.close();
        store.close();
    }

    static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(ServiceProcess.storeSettings(store));
        settings.put("s3.recordings-bucket", BUCKETS.get(0));
        settings.put("s3.assets-bucket", BUCKETS.get(1));
        settings.put("s3.sourcemaps-bucket", BUCKETS.get(2));
        settings.put("s3.spots-bucket", BUCKETS.get(3));
        return settings;
    }

    static boolean exists(String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        }
    }

    @Test
    void setup_dryRunThenApplyThenIdempotent() throws Exception {
        ServiceProcess dryRun = ServiceProcess.run(settings(), Path.of("target", "it-logs", "setup-dry-run.log"),
                "setup", "--dry-run");
        String dryOutput = dryRun.output();

        assertEquals(0, dryRun.process().exitValue(), dryOutput);
        assertTrue(dryOutput.contains("[would change] setup-recordings: bucket: would create it"), dryOutput);
        BUCKETS.forEach(bucket -> assertFalse(exists(bucket), "--dry-run created " + bucket));

        ServiceProcess first = ServiceProcess.run(settings(), Path.of("target", "it-logs", "setup-first.log"), "setup");
        String firstOutput = first.output();

        assertEquals(0, first.process().exitValue(), firstOutput);
        BUCKETS.forEach(bucket -> assertTrue(exists(bucket), bucket + " missing after setup:\n" + firstOutput));
        assertTrue(firstOutput.contains("[changed] setup-recordings: bucket: created"), firstOutput);
        assertTrue(firstOutput.contains("[changed] setup-assets: lifecycle rules: set abort incomplete multipart"
                + " uploads after 1 day"), firstOutput);
        // S3Mock 5.2.0 lacks the CORS and policy calls and drops tag filters from lifecycle rules.
        assertTrue(firstOutput.contains("[unsupported] setup-recordings: CORS rule: the store does not support"
                + " PutBucketCors"), firstOutput);
        assertTrue(firstOutput.contains("[unsupported] setup-assets: public read: the store does not support"
                + " GetBucketPolicy"), firstOutput);
        assertTrue(firstOutput.contains("[unsupported] setup-spots: not public: the store supports neither"
                + " GetBucketPolicyStatus nor GetBucketPolicy"), firstOutput);
        assertTrue(firstOutput.contains("[unsupported] setup-recordings: lifecycle rules: the store does not support"
                + " tag filters"), firstOutput);
        assertTrue(firstOutput.contains(", 0 failed."), firstOutput);
        List<LifecycleRule> rules = s3.getBucketLifecycleConfiguration(b -> b.bucket(BUCKETS.get(0))).rules();
        assertEquals(List.of("replay-ingest-abort-incomplete-uploads"), rules.stream().map(LifecycleRule::id).toList(),
                "the rules left on " + BUCKETS.get(0) + ": " + rules);
        assertEquals(1, rules.get(0).abortIncompleteMultipartUpload().daysAfterInitiation());

        ServiceProcess second = ServiceProcess.run(settings(), Path.of("target", "it-logs", "setup-second.log"),
                "setup");
        String secondOutput = second.output();

        assertEquals(0, second.process().exitValue(), secondOutput);
        assertFalse(secondOutput.contains("[changed]"), "a second run changed something:\n" + secondOutput);
        assertTrue(secondOutput.contains("[already right] setup-recordings: bucket: exists"), secondOutput);
    }

    @Test
    void setup_unknownOptionRejected() throws Exception {
        ServiceProcess run = ServiceProcess.run(settings(), Path.of("target", "it-logs", "setup-bad-option.log"),
                "setup", "--force");

        assertEquals(2, run.process().exitValue(), run.output());
        assertTrue(run.output().contains("Unknown option '--force'"), run.output());
    }
}
