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

class BucketsConfigValidatorTest {

    static List<String> problems(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(Map.of("ingest.keys", "demo:key"));
        values.putAll(settings);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(IngestConfig.class)
                .withMapping(SpotsConfig.class)
                .withMapping(SourcemapsConfig.class)
                .withMapping(AssetsConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new MapBackedConfigSource("test", values) {
                })
                .build();
        return BucketsConfigValidator.problems(config.getConfigMapping(IngestConfig.class),
                config.getConfigMapping(SpotsConfig.class), config.getConfigMapping(SourcemapsConfig.class),
                config.getConfigMapping(AssetsConfig.class));
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
    void spotLimitOverTenThousandParts_rejected() {
        assertOneProblem(Map.of("spots.max-size", "100G", "ingest.part-size", "8M"), "spots.max-size=107374182400",
                "10000 parts", "at least 10737419 bytes");
    }

    @Test
    void spotLimitWithinParts_accepted() {
        assertEquals(List.of(), problems(Map.of("spots.max-size", "100G", "ingest.part-size", "16M")));
    }

    @Test
    void urlTtlOverSevenDays_rejected() {
        assertOneProblem(Map.of("sourcemaps.upload-url-ttl", "8d"), "sourcemaps.upload-url-ttl=PT192H", "7 days");
        assertOneProblem(Map.of("spots.upload-url-ttl", "0s"), "spots.upload-url-ttl=PT0S");
    }

    @Test
    void assetBaseUrlNotHttp_rejected() {
        assertOneProblem(Map.of("assets.public-base-url", "ftp://assets.example.com/"), "assets.public-base-url",
                "ftp://assets.example.com/");
    }

    @Test
    void assetLimitZero_rejected() {
        assertOneProblem(Map.of("assets.max-size", "0"), "assets.max-size=0");
    }
}
