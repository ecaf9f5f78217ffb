package io.replayingest.error;

import java.util.Map;

import io.replayingest.storage.StoreException;

/** Turns a failed object store call into the error that the client receives: 503 when a retry may help, else 502. */
public final class StoreErrors {

    /** Seconds that a client should wait before retrying after the store was unavailable. */
    static final int RETRY_AFTER_SECONDS = 5;

    private StoreErrors() {
    }

    public static ApiException toApiException(StoreException error) {
        boolean unavailable = error.kind() == StoreException.Kind.UNAVAILABLE;
        String message = switch (error.kind()) {
            case ACCESS_DENIED -> "The object store rejected the service's credentials: " + error.getMessage();
            // The cause of a connection failure names internal addresses, which stay in the service's log.
            case UNAVAILABLE -> error.statusCode() > 0 ? "The object store is unavailable: " + error.getMessage()
                    : "The object store is unreachable; retry later";
            default -> "The object store failed: " + error.getMessage();
        };
        return new ApiException(unavailable ? ErrorCode.STORE_UNAVAILABLE : ErrorCode.STORE_ERROR, message,
                Map.of("operation", error.operation()), unavailable ? RETRY_AFTER_SECONDS : null, error);
    }
}
