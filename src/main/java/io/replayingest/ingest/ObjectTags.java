package io.replayingest.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.replayingest.config.IngestConfig;
import io.replayingest.config.StorageConfig;
import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;

/**
 * S3 object tags, checked against S3's rules before any call: at most 10 tags, keys of 1 to 128 and values of at
 * most 256 Unicode characters, made of letters, digits, spaces and {@code + - = . _ : / @}.
 */
public final class ObjectTags {

    static final int MAX_TAGS = 10;
    static final int MAX_KEY_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 256;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private ObjectTags() {
    }

    /**
     * Returns the tags of every object of a session: {@code project}, {@code session}, {@code kind=recording} and
     * {@code retention}, checked; empty when {@code s3.tagging=false}.
     *
     * @throws ApiException with {@link ErrorCode#INVALID_TAG} when a value breaks S3's tag rules
     */
    public static Map<String, String> forSession(IngestConfig ingest, StorageConfig storage, String projectId,
            String sessionId) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (storage.tagging()) {
            tags.put("project", projectId);
            tags.put("session", sessionId);
            tags.put("kind", "recording");
            tags.put("retention", ingest.retention().getOrDefault(projectId, ingest.defaultRetention()));
        }
        return validated(tags);
    }

    /**
     * Returns the tags in insertion order after checking them.
     *
     * @throws ApiException with {@link ErrorCode#INVALID_TAG}, naming the tag and the rule it breaks
     */
    public static Map<String, String> validated(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw invalid("tags", String.valueOf(tags.size()), "at most " + MAX_TAGS + " tags are allowed per object");
        }
        tags.forEach((key, value) -> {
            if (key.isEmpty() || key.codePointCount(0, key.length()) > MAX_KEY_LENGTH) {
                throw invalid(key, value, "tag keys must be 1 to " + MAX_KEY_LENGTH + " characters");
            }
            if (value.codePointCount(0, value.length()) > MAX_VALUE_LENGTH) {
                throw invalid(key, value, "tag values must be at most " + MAX_VALUE_LENGTH + " characters");
            }
            if (!ALLOWED.matcher(key).matches() || !ALLOWED.matcher(value).matches()) {
                throw invalid(key, value, "tags may contain only letters, digits, spaces and + - = . _ : / @");
            }
        });
        return new LinkedHashMap<>(tags);
    }

    private static ApiException invalid(String key, String value, String rule) {
        return new ApiException(ErrorCode.INVALID_TAG, "Invalid object tag " + key + "='" + value + "': " + rule,
                Map.of("tag", key, "value", value));
    }
}
