package io.replayingest.storage;

/** A part of a multipart upload as ListParts returns it. */
public record ListedPart(int partNumber, String etag, long bytes) {
}
