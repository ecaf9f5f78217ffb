package io.replayingest.sourcemaps;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.replayingest.error.ApiException;
import io.replayingest.ingest.ChunkRef;
import io.replayingest.ingest.RelativePath;

/** A sourcemap of a release, named by a relative path that may be nested, such as {@code js/app.js.map}. */
public record SourcemapRef(String projectId, String release, String path) {

    private static final Pattern RELEASE = Pattern.compile("[A-Za-z0-9._+-]{1,128}");
    private static final Pattern RAW_PATH = Pattern.compile("/v1/projects/([^/]*)/sourcemaps/([^/]*)/(.*)");

    /**
     * Parses the raw (still percent-encoded) request path of a sourcemap upload. The raw path is used because the
     * router resolves {@code ..} segments before matching, and such a path must be rejected rather than resolved.
     *
     * @throws ApiException naming the invalid parameter and its value
     */
    static SourcemapRef parseRawPath(String rawPath) {
        Matcher matcher = RAW_PATH.matcher(rawPath);
        if (!matcher.matches()) {
            throw ApiException.invalidParameter("path", rawPath,
                    "expected /v1/projects/{projectId}/sourcemaps/{release}/{path} without . or .. segments");
        }
        String projectId = RelativePath.decode(matcher.group(1));
        String release = RelativePath.decode(matcher.group(2));
        ChunkRef.requireId("projectId", projectId);
        requireRelease(release);
        return new SourcemapRef(projectId, release, RelativePath.fromRaw(matcher.group(3)));
    }

    /**
     * Checks a project id, release and decoded relative path.
     *
     * @throws ApiException naming the invalid parameter and its value
     */
    public static SourcemapRef of(String projectId, String release, String path) {
        ChunkRef.requireId("projectId", projectId);
        requireRelease(release);
        return new SourcemapRef(projectId, release, RelativePath.require(path));
    }

    /** Checks a release: 1 to 128 characters of A-Z a-z 0-9 . _ + -, and not . or ..; throws ApiException. */
    public static void requireRelease(String release) {
        if (release == null || !RELEASE.matcher(release).matches() || release.equals(".") || release.equals("..")) {
            throw ApiException.invalidParameter("release", String.valueOf(release),
                    "expected 1 to 128 characters of A-Z a-z 0-9 . _ + - other than . and ..");
        }
    }

    /** Object key {@code {projectId}/{release}/{path}} in the sourcemaps bucket. */
    public String objectKey() {
        return releasePrefix(projectId, release) + path;
    }

    /** Prefix of every sourcemap key of a release, {@code {projectId}/{release}/}. */
    static String releasePrefix(String projectId, String release) {
        return projectId + "/" + release + "/";
    }

    /** {@code key=value} fields that name the sourcemap in log events; the path is left out, it is unbounded. */
    String logFields() {
        return "project=" + projectId + " release=" + release;
    }
}
