package io.replayingest.ingest;

import java.util.Locale;
import java.util.Map;

import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
import io.replayingest.error.StoreErrors;
import io.replayingest.storage.StoreException;

/**
 * Why an upload was aborted.
 *
 * @param reason short bounded label for logs and metrics, such as {@code client_disconnected}
 * @param error what the client gets, or null when the client has disconnected
 */
public record UploadFailure(String reason, ApiException error) {

    /** Describes a failed store call: 503 when the store is unreachable or throttles, 502 otherwise. */
    static UploadFailure fromStore(Throwable error) {
        StoreException storeError = StoreException.from("store call", error);
        String reason = "store_" + storeError.kind().name().toLowerCase(Locale.ROOT);
        return new UploadFailure(reason, StoreErrors.toApiException(storeError));
    }

    /** Describes a body that crossed the size limit while it streamed. */
    static UploadFailure tooLarge(long limitBytes) {
        return new UploadFailure("too_large", new ApiException(ErrorCode.BODY_TOO_LARGE,
                "Request body exceeds the limit of " + limitBytes + " bytes (ingest.max-chunk-size)", Map.of("limitBytes", limitBytes)));
    }
}
