package io.replayingest.error;

/** Stable error codes of the API, each with the HTTP status it is sent with. */
public enum ErrorCode {
    INVALID_PARAMETER(400),
    INVALID_HEADER(400),
    INVALID_TAG(400),
    DIGEST_MISMATCH(400),
    INVALID_BODY(400),
    MISSING_KEY(401),
    INVALID_KEY(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    IDLE_TIMEOUT(408),
    CONFLICT(409),
    BODY_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    STORE_ERROR(502),
    STORE_UNAVAILABLE(503),
    BUFFER_FULL(503),
    SHUTTING_DOWN(503),
    INTERNAL(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
