package io.replayingest.ingest;

import io.replayingest.error.ApiException;
import io.vertx.core.buffer.Buffer;

/**
 * Inspects a request body while it streams, without holding it. A rejection aborts the upload before anything becomes
 * visible, because the object is only stored (PutObject) or completed after the body has ended.
 * <p>
 * A new instance is needed per request when the check keeps state.
 */
public interface BodyCheck {

    /** Accepts every body. */
    BodyCheck NONE = new BodyCheck() {
        @Override
        public ApiException inspect(Buffer bytes) {
            return null;
        }

        @Override
        public ApiException finish() {
            return null;
        }
    };

    /** Inspects the next bytes of the body; returns the error to send, or null to go on. */
    ApiException inspect(Buffer bytes);

    /** Called once the whole body has arrived; returns the error to send, or null to store the object. */
    ApiException finish();
}
