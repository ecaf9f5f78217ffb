package io.replayingest.spots;

import java.util.Map;

import io.replayingest.error.ApiException;
import io.replayingest.ingest.ChunkRef;

/** A file of a spot recording, named by its project, spot and file name. */
public record SpotRef(String projectId, String spotId, String file) {

    /** The files that a spot may have, with the Content-Type stored when the client sends none. */
    static final Map<String, String> FILES = Map.of(
            "video.webm", "video/webm",
            "video.mp4", "video/mp4",
            "events.mob", "application/octet-stream");

    /**
     * Checks the path parameters of a spot URL.
     *
     * @throws ApiException naming the first invalid parameter and its value
     */
    public static SpotRef parse(String projectId, String spotId, String file) {
        ChunkRef.requireId("projectId", projectId);
        ChunkRef.requireId("spotId", spotId);
        if (file == null || !FILES.containsKey(file)) {
            throw ApiException.invalidParameter("file", String.valueOf(file),
                    "expected video.webm, video.mp4 or events.mob");
        }
        return new SpotRef(projectId, spotId, file);
    }

    /** Object key {@code {projectId}/{spotId}/{file}} in the spots bucket. */
    public String objectKey() {
        return projectId + "/" + spotId + "/" + file;
    }

    /** Content-Type stored when the client sends none. */
    public String defaultContentType() {
        return FILES.get(file);
    }

    /** Path of the file in the spots API, for the {@code Location} header. */
    public String location() {
        return "/v1/projects/" + projectId + "/spots/" + spotId + "/" + file;
    }

    /** {@code key=value} fields that name the file in log events. */
    String logFields() {
        return "project=" + projectId + " spot=" + spotId + " file=" + file;
    }
}
