package io.replayingest.error;

import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** Sends JSON bodies, and the JSON error body of an {@link ApiException}, on a Vert.x response. */
public final class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    /** How long the server keeps reading and discarding a rejected body before it closes the connection. */
    private static final long LINGER_MILLIS = 2_000;

    private ErrorResponses() {
    }

    /** Sends {@code body} as JSON with {@code status}. */
    public static void sendJson(HttpServerResponse response, ObjectMapper mapper, int status, Object body) {
        if (response.ended() || response.closed()) {
            return;
        }
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response body cannot be written as JSON", e);
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json);
    }

    /**
     * Sends the error. When the request body has not been read to its end, the connection is closed after a short
     * time in which the rest of the body is discarded, so that the client reads the error instead of a reset.
     */
    public static void send(HttpServerRequest request, ObjectMapper mapper, ApiException error) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (error.code() == ErrorCode.INTERNAL) {
            LOG.errorf(error, "request failed method=%s path=%s", request.method(), request.path());
        }
        if (error.retryAfterSeconds() != null) {
            response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(error.retryAfterSeconds()));
        }
        sendBeforeBody(request, mapper, error.code().status(), error.body());
    }

    /**
     * Sends {@code body} as JSON with {@code status} without reading the request body, which is discarded as for
     * {@link #send errors}; the connection is then closed.
     */
    public static void sendBeforeBody(HttpServerRequest request, ObjectMapper mapper, int status, Object body) {
        HttpServerResponse response = request.response();
        if (!request.isEnded()) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        sendJson(response, mapper, status, body);
        if (!request.isEnded()) {
            discardRestOfBody(request);
        }
    }

    private static void discardRestOfBody(HttpServerRequest request) {
        long timer = request.connection() == null ? -1
                : io.vertx.core.Vertx.currentContext().owner().setTimer(LINGER_MILLIS, id -> request.connection().close());
        request.handler(ignored -> {
        });
        request.exceptionHandler(ignored -> {
        });
        request.endHandler(ignored -> {
            if (timer >= 0) {
                io.vertx.core.Vertx.currentContext().owner().cancelTimer(timer);
            }
            request.connection().close();
        });
        request.resume();
    }

    /** Wraps an unexpected exception as a 500 that names no internals. */
    public static ApiException internal(Throwable error) {
        return new ApiException(ErrorCode.INTERNAL, "Internal error: " + error.getClass().getSimpleName(), Map.of(),
                null, error);
    }
}
