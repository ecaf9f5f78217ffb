package io.replayingest.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Rejects invalid spots, sourcemaps and assets settings at startup with a message that names the key, the value and
 * what is allowed.
 */
@ApplicationScoped
public class BucketsConfigValidator {

    void onStart(@Observes StartupEvent event, IngestConfig ingest, SpotsConfig spots, SourcemapsConfig sourcemaps,
            AssetsConfig assets) {
        List<String> problems = problems(ingest, spots, sourcemaps, assets);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** Returns one message per invalid setting; empty when all are valid. */
    public static List<String> problems(IngestConfig ingest, SpotsConfig spots, SourcemapsConfig sourcemaps,
            AssetsConfig assets) {
        List<String> problems = new ArrayList<>();
        long partSize = ingest.partSize().asLongValue();
        checkMaxSize("spots.max-size", spots.maxSize().asLongValue(), partSize, problems);
        checkMaxSize("sourcemaps.max-size", sourcemaps.maxSize().asLongValue(), partSize, problems);
        checkMaxSize("assets.max-size", assets.maxSize().asLongValue(), partSize, problems);
        checkTtl("spots.upload-url-ttl", spots.uploadUrlTtl(), problems);
        checkTtl("sourcemaps.upload-url-ttl", sourcemaps.uploadUrlTtl(), problems);
        assets.publicBaseUrl().ifPresent(url -> ConfigValidator.checkEndpoint("assets.public-base-url", url, problems));
        return problems;
    }

    /** Checks a size limit, which must fit in S3's 10,000 parts of ingest.part-size because bodies stream in such parts. */
    private static void checkMaxSize(String key, long maxSize, long partSize, List<String> problems) {
        if (maxSize < 1 || maxSize > ConfigValidator.MAX_OBJECT_SIZE) {
            problems.add(key + "=" + maxSize + " is invalid: allowed are 1 byte to " + ConfigValidator.MAX_OBJECT_SIZE
                    + " (5 TiB, S3's largest object)");
        } else if (maxSize > partSize * ConfigValidator.MAX_PARTS) {
            problems.add(key + "=" + maxSize + " needs more than S3's " + ConfigValidator.MAX_PARTS + " parts at"
                    + " ingest.part-size=" + partSize + ": raise the part size to at least "
                    + ((maxSize + ConfigValidator.MAX_PARTS - 1) / ConfigValidator.MAX_PARTS)
                    + " bytes or lower the limit");
        }
    }

    private static void checkTtl(String key, Duration ttl, List<String> problems) {
        if (ttl.toSeconds() < 1 || ttl.compareTo(ReplayConfigValidator.MAX_URL_TTL) > 0) {
            problems.add(key + "=" + ttl + " is invalid: allowed are 1 second to 7 days (PT168H), the longest"
                    + " lifetime of a SigV4 presigned URL");
        }
    }
}
