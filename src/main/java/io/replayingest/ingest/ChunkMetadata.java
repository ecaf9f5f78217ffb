package io.replayingest.ingest;

/** Names of the user metadata stored on objects ({@code x-amz-meta-*}). */
public final class ChunkMetadata {

    /** Lowercase hex SHA-256 of the object's bytes as stored. */
    public static final String SHA256 = "sha256";

    private ChunkMetadata() {
    }
}
