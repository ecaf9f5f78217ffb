package io.replayingest.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A failure that the client sees as a JSON error body with a stable code. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> details;
    private final Integer retryAfterSeconds;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of(), null, null);
    }

    public ApiException(ErrorCode code, String message, Map<String, Object> details) {
        this(code, message, details, null, null);
    }

    public ApiException(ErrorCode code, String message, Map<String, Object> details, Integer retryAfterSeconds,
            Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Builds a 400 for a path parameter that failed validation. */
    public static ApiException invalidParameter(String name, String value, String rule) {
        return new ApiException(ErrorCode.INVALID_PARAMETER, "Invalid " + name + " '" + value + "': " + rule,
                Map.of("parameter", name, "value", value));
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** Seconds for a {@code Retry-After} header, or null for none. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Returns the JSON body: {@code error}, {@code message} and the details. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code.name());
        body.put("message", getMessage());
        body.putAll(details);
        return body;
    }
}
