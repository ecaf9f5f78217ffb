package io.replayingest.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;

/**
 * A relative path that becomes part of an object key, such as {@code js/app.js.map}: no empty, {@code .} or
 * {@code ..} segments, no leading slash, no backslash or control character, and at most {@value #MAX_LENGTH}
 * characters, which keeps keys well under S3's 1024 bytes.
 */
public final class RelativePath {

    static final int MAX_LENGTH = 512;

    private RelativePath() {
    }

    /**
     * Decodes the percent-encoded tail of a request path and checks it. Routers resolve {@code ..} segments before
     * matching, so callers pass the raw path, in which such a segment is still visible and gets rejected.
     *
     * @throws ApiException naming the parameter {@code path} and its value
     */
    public static String fromRaw(String raw) {
        List<String> segments = new ArrayList<>();
        for (String rawSegment : raw.split("/", -1)) {
            String segment = decode(rawSegment);
            if (segment.contains("/")) {
                throw invalid(raw, "a segment may not contain an encoded /");
            }
            segments.add(segment);
        }
        return require(String.join("/", segments));
    }

    /**
     * Checks a decoded path and returns it.
     *
     * @throws ApiException naming the parameter {@code path} and its value
     */
    public static String require(String path) {
        if (path == null || path.isEmpty()) {
            throw invalid(String.valueOf(path), "the path is empty");
        }
        if (path.length() > MAX_LENGTH) {
            throw invalid(path, "the path is longer than " + MAX_LENGTH + " characters");
        }
        if (path.startsWith("/")) {
            throw invalid(path, "absolute paths are not allowed");
        }
        if (path.indexOf('\\') >= 0) {
            throw invalid(path, "backslashes are not allowed");
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw invalid(path, "control characters are not allowed");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw invalid(path, "empty, . and .. segments are not allowed");
            }
        }
        return path;
    }

    /** Decodes one percent-encoded path segment. */
    public static String decode(String raw) {
        try {
            // URLDecoder would turn + into a space, which is form encoding, not path encoding.
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(raw, "invalid percent-encoding");
        }
    }

    private static ApiException invalid(String path, String rule) {
        return new ApiException(ErrorCode.INVALID_PARAMETER, "Invalid path '" + path + "': " + rule
                + "; use a relative path such as js/app.js.map", Map.of("parameter", "path", "value", path));
    }
}
