package io.replayingest.ingest;

import io.replayingest.error.ApiException;

/**
 * Why an upload was aborted.
 *
 * @param reason short bounded label for logs and metrics, such as {@code client_disconnected}
 * @param error what the client gets, or null when nobody is listening any more
 */
public record UploadFailure(String reason, ApiException error) {
}
