package io.replayingest.storage;

import java.util.concurrent.CompletionException;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** A failed call to the object store, classified so that callers never handle AWS SDK types. */
public class StoreException extends RuntimeException {

    /** Broad class of a store failure. */
    public enum Kind {
        /** The store rejected the credentials or the permission (HTTP 401 or 403). */
        ACCESS_DENIED,
        /** The store was unreachable or asked to slow down; a retry later may succeed. */
        UNAVAILABLE,
        /** The object or upload does not exist. */
        NOT_FOUND,
        /** Any other error response. */
        FAILED
    }

    private static final String NOT_IMPLEMENTED = "NotImplemented";

    private final Kind kind;
    private final String operation;
    private final int statusCode;
    private final String errorCode;

    StoreException(String operation, Kind kind, int statusCode, String errorCode, Throwable cause) {
        super(operation + " failed: " + describe(statusCode, errorCode, cause), cause);
        this.operation = operation;
        this.kind = kind;
        this.statusCode = statusCode;
        this.errorCode = errorCode;
    }

    private StoreException(String operation, String message) {
        super(operation + " failed: " + message);
        this.operation = operation;
        this.kind = Kind.FAILED;
        this.statusCode = 0;
        this.errorCode = NOT_IMPLEMENTED;
    }

    /** Creates the failure of a call that the store did not recognize, for example one it answered as another. */
    static StoreException unsupported(String operation, String message) {
        return new StoreException(operation, message);
    }

    /** Classifies an exception thrown or returned by the AWS SDK for {@code operation}. */
    public static StoreException from(String operation, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof StoreException store) {
            return store;
        }
        if (cause instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            return new StoreException(operation, classify(s3.statusCode(), code), s3.statusCode(), code, cause);
        }
        Kind kind = cause instanceof SdkClientException ? Kind.UNAVAILABLE : Kind.FAILED;
        return new StoreException(operation, kind, 0, null, cause);
    }

    private static Kind classify(int status, String code) {
        if (status == 401 || status == 403) {
            return Kind.ACCESS_DENIED;
        }
        if (status == 404) {
            return Kind.NOT_FOUND;
        }
        if (status == 503 || status == 429 || "SlowDown".equals(code)) {
            return Kind.UNAVAILABLE;
        }
        return Kind.FAILED;
    }

    private static String describe(int status, String code, Throwable cause) {
        if (status > 0) {
            return "HTTP " + status + (code == null ? "" : " " + code);
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Returns the message without the leading "{operation} failed: ". */
    public String reason() {
        String prefix = operation + " failed: ";
        String message = getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    public Kind kind() {
        return kind;
    }

    public String operation() {
        return operation;
    }

    /** HTTP status from the store, or 0 when no response arrived. */
    public int statusCode() {
        return statusCode;
    }

    /** Returns whether the store does not implement the call (HTTP 501 or 405, or error code NotImplemented). */
    public boolean unsupported() {
        return statusCode == 501 || statusCode == 405 || NOT_IMPLEMENTED.equals(errorCode)
                || "MethodNotAllowed".equals(errorCode);
    }

    /** S3 error code such as {@code NoSuchBucket}, or null. */
    public String errorCode() {
        return errorCode;
    }
}
