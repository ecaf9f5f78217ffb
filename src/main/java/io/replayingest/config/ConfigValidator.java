package io.replayingest.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.replayingest.auth.ProjectKeys;

/** Rejects invalid settings at startup with a message that names the key, the value and what is allowed. */
@ApplicationScoped
public class ConfigValidator {

    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    /** S3's largest object: 5 TiB. */
    static final long MAX_OBJECT_SIZE = 5L * 1024 * 1024 * 1024 * 1024;
    static final int MAX_PARTS_IN_FLIGHT = 64;
    /** S3's largest part number. */
    static final long MAX_PARTS = 10_000;
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");

    void onStart(@Observes StartupEvent event, IngestConfig ingest, StorageConfig storage) {
        List<String> problems = problems(ingest, storage);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** Returns one message per invalid setting; empty when all are valid. */
    public static List<String> problems(IngestConfig ingest, StorageConfig storage) {
        List<String> problems = new ArrayList<>();
        checkIngest(ingest, problems);
        checkStorage(storage, problems);
        return problems;
    }

    private static void checkIngest(IngestConfig ingest, List<String> problems) {
        long partSize = ingest.partSize().asLongValue();
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            problems.add("ingest.part-size=" + partSize + " bytes is outside S3's part size range: allowed are "
                    + MIN_PART_SIZE + " (5 MiB) to " + MAX_PART_SIZE + " (5 GiB)");
        }
        int inFlight = ingest.maxPartsInFlight();
        if (inFlight < 1 || inFlight > MAX_PARTS_IN_FLIGHT) {
            problems.add("ingest.max-parts-in-flight=" + inFlight + " is invalid: allowed are 1 to "
                    + MAX_PARTS_IN_FLIGHT);
        }
        long needed = partSize * (Math.max(inFlight, 1) + 1);
        long budget = ingest.maxBufferedBytes().asLongValue();
        if (budget < needed) {
            problems.add("ingest.max-buffered-bytes=" + budget + " is too small: one upload may hold part size x"
                    + " (max-parts-in-flight + 1) = " + needed + " bytes, so allow at least that");
        }
        long maxChunk = ingest.maxChunkSize().asLongValue();
        if (maxChunk < 1 || maxChunk > MAX_OBJECT_SIZE) {
            problems.add("ingest.max-chunk-size=" + maxChunk + " is invalid: allowed are 1 byte to " + MAX_OBJECT_SIZE
                    + " (5 TiB, S3's largest object)");
        }
        if (maxChunk > partSize * MAX_PARTS) {
            problems.add("ingest.max-chunk-size=" + maxChunk + " needs more than S3's " + MAX_PARTS + " parts at"
                    + " ingest.part-size=" + partSize + ": raise the part size to at least "
                    + ((maxChunk + MAX_PARTS - 1) / MAX_PARTS) + " bytes or lower the limit");
        }
        if (ingest.idleTimeout().isZero() || ingest.idleTimeout().isNegative()) {
            problems.add("ingest.idle-timeout=" + ingest.idleTimeout() + " is invalid: it must be positive");
        }
        if (ingest.bufferWait().isNegative()) {
            problems.add("ingest.buffer-wait=" + ingest.bufferWait() + " is invalid: it must not be negative");
        }
        checkRetention("ingest.default-retention", ingest.defaultRetention(), problems);
        ingest.retention().forEach((project, value) -> checkRetention("ingest.retention." + project, value, problems));
        checkKeys(ingest, problems);
    }

    private static void checkKeys(IngestConfig ingest, List<String> problems) {
        try {
            if (ingest.auth() && ProjectKeys.parse("ingest.keys", ingest.keys()).isEmpty()) {
                problems.add("ingest.keys is empty: set INGEST_KEYS to comma-separated projectId:key pairs, or set"
                        + " ingest.auth=false to accept uploads without a key");
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private static void checkRetention(String key, String value, List<String> problems) {
        if (value.isEmpty() || !TAG_VALUE.matcher(value).matches()) {
            problems.add(key + "='" + value + "' is not a valid S3 tag value: use 1 to 256 letters, digits, spaces"
                    + " and + - = . _ : / @");
        }
    }

    private static void checkStorage(StorageConfig storage, List<String> problems) {
        storage.endpoint().ifPresent(endpoint -> checkEndpoint("s3.endpoint", endpoint, problems));
        storage.publicEndpoint().ifPresent(endpoint -> checkEndpoint("s3.public-endpoint", endpoint, problems));
        if (storage.accessKey().isPresent() != storage.secretKey().isPresent()) {
            problems.add("s3.access-key and s3.secret-key must be set together (S3_ACCESS_KEY, S3_SECRET_KEY);"
                    + " leave both unset to use the AWS SDK's default credentials chain");
        }
        if (storage.region().isBlank()) {
            problems.add("s3.region is empty: set S3_REGION, for example us-east-1");
        }
        Map.of("s3.recordings-bucket", storage.recordingsBucket(), "s3.assets-bucket", storage.assetsBucket(),
                "s3.sourcemaps-bucket", storage.sourcemapsBucket(), "s3.spots-bucket", storage.spotsBucket())
                .forEach((key, bucket) -> {
                    if (!BUCKET.matcher(bucket).matches()) {
                        problems.add(key + "='" + bucket + "' is not a valid bucket name: use 3 to 63 lowercase"
                                + " letters, digits, dots and hyphens, starting and ending with a letter or digit");
                    }
                });
    }

    static void checkEndpoint(String key, URI endpoint, List<String> problems) {
        String scheme = endpoint.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || endpoint.getHost() == null) {
            problems.add(key + "='" + endpoint + "' is not a valid endpoint: expected an absolute http or https URL"
                    + " such as https://s3.eu-west-1.amazonaws.com");
        }
    }
}
