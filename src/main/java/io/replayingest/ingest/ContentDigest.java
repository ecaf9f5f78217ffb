package io.replayingest.ingest;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;

/** Reads the SHA-256 entry of a {@code Content-Digest} header (RFC 9530), such as {@code sha-256=:<base64>:}. */
public final class ContentDigest {

    private static final int SHA256_BYTES = 32;

    private ContentDigest() {
    }

    /**
     * Returns the declared SHA-256, or null when the header is absent or lists only other algorithms.
     *
     * @throws ApiException with {@link ErrorCode#INVALID_HEADER} when the sha-256 entry is malformed
     */
    public static byte[] sha256(String header) {
        if (header == null) {
            return null;
        }
        for (String member : header.split(",")) {
            int equals = member.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String algorithm = member.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            if (algorithm.equals("sha-256")) {
                // A dictionary member may carry parameters after ';', which do not change the digest.
                String value = member.substring(equals + 1);
                int parameters = value.indexOf(';');
                return decode(header, (parameters < 0 ? value : value.substring(0, parameters)).trim());
            }
        }
        return null;
    }

    private static byte[] decode(String header, String value) {
        byte[] digest = null;
        if (value.length() > 2 && value.startsWith(":") && value.endsWith(":")) {
            try {
                digest = Base64.getDecoder().decode(value.substring(1, value.length() - 1));
            } catch (IllegalArgumentException e) {
                digest = null;
            }
        }
        if (digest == null || digest.length != SHA256_BYTES) {
            throw new ApiException(ErrorCode.INVALID_HEADER, "Invalid Content-Digest '" + header
                    + "': expected sha-256=:<base64 of 32 bytes>: as in RFC 9530",
                    Map.of("header", "Content-Digest", "value", header));
        }
        return digest;
    }
}
