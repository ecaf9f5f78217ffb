package io.replayingest.sourcemaps;

import java.util.Map;

import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
import io.replayingest.ingest.BodyCheck;
import io.vertx.core.buffer.Buffer;

/**
 * Checks that a body looks like a sourcemap (a JSON object with {@code version} and {@code mappings}) while it
 * streams, holding no bytes: the first non-whitespace byte must be {@code {}, the field name {@code "version"} must
 * appear within the first {@value #VERSION_WINDOW_BYTES} bytes, {@code "mappings"} anywhere, and the last
 * non-whitespace byte must be {@code }}. Bundlers write {@code version} first, but many (esbuild, Rollup) write
 * {@code mappings} after {@code sourcesContent}, which can be megabytes in, so {@code mappings} is searched in the
 * whole body. It is a sniff, not a JSON parser: a body that passes may still be invalid JSON.
 */
final class SourcemapSniffer implements BodyCheck {

    static final int VERSION_WINDOW_BYTES = 1024;
    private static final byte[] VERSION = "\"version\"".getBytes();
    private static final byte[] MAPPINGS = "\"mappings\"".getBytes();
    private static final int[] UTF8_BOM = { 0xef, 0xbb, 0xbf };

    private long position;
    private boolean sawObjectStart;
    private int lastNonWhitespace = -1;
    private int versionMatched;
    private boolean sawVersion;
    private int mappingsMatched;
    private boolean sawMappings;

    @Override
    public ApiException inspect(Buffer bytes) {
        for (int i = 0; i < bytes.length(); i++) {
            int b = bytes.getByte(i) & 0xff;
            ApiException rejected = next(b);
            position++;
            if (rejected != null) {
                return rejected;
            }
        }
        return null;
    }

    private ApiException next(int b) {
        if (position < UTF8_BOM.length && !sawObjectStart && lastNonWhitespace < 0 && b == UTF8_BOM[(int) position]) {
            return null;
        }
        if (!isWhitespace(b)) {
            if (!sawObjectStart) {
                if (b != '{') {
                    return invalid("it does not start with {, so it is not a JSON object");
                }
                sawObjectStart = true;
            }
            lastNonWhitespace = b;
        }
        if (!sawVersion) {
            versionMatched = advance(versionMatched, VERSION, b);
            sawVersion = versionMatched == VERSION.length;
            if (!sawVersion && position + 1 >= VERSION_WINDOW_BYTES) {
                return invalid("no \"version\" field within the first " + VERSION_WINDOW_BYTES + " bytes");
            }
        }
        if (!sawMappings) {
            mappingsMatched = advance(mappingsMatched, MAPPINGS, b);
            sawMappings = mappingsMatched == MAPPINGS.length;
        }
        return null;
    }

    @Override
    public ApiException finish() {
        if (!sawObjectStart) {
            return invalid("the body is empty");
        }
        if (!sawVersion) {
            return invalid("it has no \"version\" field");
        }
        if (!sawMappings) {
            return invalid("it has no \"mappings\" field");
        }
        if (lastNonWhitespace != '}') {
            return invalid("it does not end with }, so the JSON object is incomplete");
        }
        return null;
    }

    /**
     * Advances a match of {@code token} by one byte. The tokens contain {@code "} only as their first and last byte,
     * so on a mismatch the match restarts at 1 when the byte is {@code "} and at 0 otherwise.
     */
    private static int advance(int matched, byte[] token, int b) {
        if (b == token[matched]) {
            return matched + 1;
        }
        return b == '"' ? 1 : 0;
    }

    private static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private ApiException invalid(String reason) {
        return new ApiException(ErrorCode.INVALID_BODY, "The body is not a sourcemap: " + reason
                + "; expected a JSON object with \"version\" and \"mappings\" fields",
                Map.of("reason", reason, "offset", position));
    }
}
