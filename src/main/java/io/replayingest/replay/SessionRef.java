package io.replayingest.replay;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.replayingest.ingest.ChunkRef;

/** A recording session and the keys of its objects in the recordings bucket. */
public record SessionRef(String projectId, String sessionId) {

    private static final Pattern CHUNK_SUFFIX = Pattern.compile("[0-9]{6}");

    /**
     * Checks the path parameters of a session URL.
     *
     * @throws io.replayingest.error.ApiException naming the first invalid parameter and its value
     */
    public static SessionRef parse(String projectId, String sessionId) {
        ChunkRef.requireId("projectId", projectId);
        ChunkRef.requireId("sessionId", sessionId);
        return new SessionRef(projectId, sessionId);
    }

    /** Prefix of every chunk key, {@code {projectId}/{sessionId}/chunks/}. */
    public String chunkPrefix() {
        return projectId + "/" + sessionId + "/chunks/";
    }

    /** Key of the session manifest, {@code {projectId}/{sessionId}/manifest.json}. */
    public String manifestKey() {
        return projectId + "/" + sessionId + "/manifest.json";
    }

    /** Returns the seq of a chunk key under {@link #chunkPrefix()}, or empty for any other key. */
    public OptionalInt seqOf(String key) {
        if (!key.startsWith(chunkPrefix())) {
            return OptionalInt.empty();
        }
        Matcher suffix = CHUNK_SUFFIX.matcher(key.substring(chunkPrefix().length()));
        return suffix.matches() ? OptionalInt.of(Integer.parseInt(suffix.group())) : OptionalInt.empty();
    }
}
