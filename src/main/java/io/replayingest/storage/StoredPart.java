package io.replayingest.storage;

/** A part of a multipart upload that the store has acknowledged. */
public record StoredPart(int partNumber, String etag) {
}
