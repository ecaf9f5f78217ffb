package io.replayingest.ingest;

import java.util.regex.Pattern;

import io.replayingest.error.ApiException;

/** A recording chunk, named by its project, session and sequence number. */
public record ChunkRef(String projectId, String sessionId, int seq) {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    static final int MAX_SEQ = 999_999;
    private static final Pattern SEQ = Pattern.compile("[0-9]{1,6}");

    /**
     * Checks the path parameters of a chunk URL.
     *
     * @throws ApiException naming the first invalid parameter and its value
     */
    public static ChunkRef parse(String projectId, String sessionId, String seq) {
        requireId("projectId", projectId);
        requireId("sessionId", sessionId);
        if (seq == null || !SEQ.matcher(seq).matches()) {
            throw ApiException.invalidParameter("seq", String.valueOf(seq), "expected an integer from 0 to " + MAX_SEQ);
        }
        return new ChunkRef(projectId, sessionId, Integer.parseInt(seq));
    }

    /** Checks a project or session id: 1 to 128 characters of A-Z a-z 0-9 _ -. */
    public static void requireId(String name, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ApiException.invalidParameter(name, String.valueOf(value),
                    "expected 1 to 128 characters of A-Z a-z 0-9 _ -");
        }
    }

    /** Object key {@code {projectId}/{sessionId}/chunks/{seq}}, with seq zero-padded so that keys sort in order. */
    public String objectKey() {
        return String.format("%s/%s/chunks/%06d", projectId, sessionId, seq);
    }

    /** Path of the chunk in the upload API, for the {@code Location} header. */
    public String location() {
        return "/v1/projects/" + projectId + "/sessions/" + sessionId + "/chunks/" + seq;
    }
}
