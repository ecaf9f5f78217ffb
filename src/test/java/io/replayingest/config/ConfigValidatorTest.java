package io.replayingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;

class ConfigValidatorTest {

    static List<String> problems(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(Map.of("ingest.keys", "demo:key"));
        values.putAll(settings);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(IngestConfig.class)
                .withMapping(StorageConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new MapBackedConfigSource("test", values) {
                })
                .build();
        return ConfigValidator.problems(config.getConfigMapping(IngestConfig.class),
                config.getConfigMapping(StorageConfig.class));
    }

    static void assertOneProblem(Map<String, String> settings, String... fragments) {
        List<String> problems = problems(settings);

        assertEquals(1, problems.size(), problems.toString());
        for (String fragment : fragments) {
            assertTrue(problems.get(0).contains(fragment), problems.get(0));
        }
    }

    @Test
    void defaults_valid() {
        assertEquals(List.of(), problems(Map.of()));
    }

    @Test
    void partSizeBelowFiveMiB_rejected() {
        assertOneProblem(Map.of("ingest.part-size", "4M"), "ingest.part-size=4194304", "5242880 (5 MiB)");
    }

    @Test
    void partSizeAboveFiveGiB_rejected() {
        assertOneProblem(Map.of("ingest.part-size", "6G", "ingest.max-buffered-bytes", "20G"),
                "ingest.part-size=6442450944", "5368709120 (5 GiB)");
    }

    @Test
    void budgetBelowOneUploadsBound_rejected() {
        assertOneProblem(Map.of("ingest.max-buffered-bytes", "16M"), "ingest.max-buffered-bytes=16777216",
                "25165824");
    }

    @Test
    void partsInFlightOutOfRange_rejected() {
        assertOneProblem(Map.of("ingest.max-parts-in-flight", "0"), "ingest.max-parts-in-flight=0", "1 to 64");
    }

    @Test
    void chunkLimitNeedingTooManyParts_rejected() {
        assertOneProblem(Map.of("ingest.max-chunk-size", "100G"), "ingest.max-chunk-size=107374182400",
                "10000 parts");
    }

    @Test
    void noKeysWithAuthOn_rejected() {
        assertOneProblem(Map.of("ingest.keys", ""), "ingest.keys is empty", "ingest.auth=false");
    }

    @Test
    void noKeysWithAuthOff_accepted() {
        assertEquals(List.of(), problems(Map.of("ingest.keys", "", "ingest.auth", "false")));
    }

    @Test
    void malformedKeyPair_rejectedWithoutSecret() {
        List<String> problems = problems(Map.of("ingest.keys", "bad project:secret-value"));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("ingest.keys contains an invalid entry 'bad project:***'"),
                problems.get(0));
        assertTrue(!problems.get(0).contains("secret-value"), problems.get(0));
    }

    @Test
    void endpointWithoutScheme_rejected() {
        assertOneProblem(Map.of("s3.endpoint", "minio:9000"), "s3.endpoint='minio:9000'", "http or https");
    }

    @Test
    void accessKeyWithoutSecret_rejected() {
        assertOneProblem(Map.of("s3.access-key", "AKIA"), "s3.access-key and s3.secret-key must be set together");
    }

    @Test
    void invalidBucketName_rejected() {
        assertOneProblem(Map.of("s3.recordings-bucket", "Recordings_Bucket"),
                "s3.recordings-bucket='Recordings_Bucket'", "3 to 63 lowercase");
    }

    @Test
    void invalidRetentionTag_rejected() {
        assertOneProblem(Map.of("ingest.retention.shop", "one year!"), "ingest.retention.shop='one year!'",
                "S3 tag value");
    }
}
