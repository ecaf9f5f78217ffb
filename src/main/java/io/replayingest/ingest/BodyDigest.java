package io.replayingest.ingest;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;

/** SHA-256 of a request body, computed while it streams and checked against the digest that the client declared. */
final class BodyDigest {

    private final MessageDigest sha256;
    private final byte[] expected;
    private byte[] actual;

    /** @param expected the SHA-256 from {@code Content-Digest}, or null when the client declared none */
    BodyDigest(byte[] expected) {
        this.expected = expected;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Adds the bytes from the buffer's position to its limit, leaving the buffer unchanged. */
    void update(ByteBuffer bytes) {
        sha256.update(bytes.duplicate());
    }

    /** Finishes the digest; no bytes may be added afterwards. */
    private byte[] actual() {
        if (actual == null) {
            actual = sha256.digest();
        }
        return actual;
    }

    /** Returns whether the body matches the declared digest, or true when none was declared. */
    boolean matches() {
        return expected == null || MessageDigest.isEqual(expected, actual());
    }

    /** Returns the body's SHA-256 in lowercase hex. */
    String hex() {
        return HexFormat.of().formatHex(actual());
    }

    /** Returns the 400 error for a body that does not match its declared digest. */
    ApiException mismatch() {
        String declared = Base64.getEncoder().encodeToString(expected);
        String computed = Base64.getEncoder().encodeToString(actual());
        return new ApiException(ErrorCode.DIGEST_MISMATCH, "Content-Digest sha-256 does not match the body: the"
                + " header declares " + declared + " but the body received has " + computed,
                Map.of("expected", declared, "actual", computed));
    }
}
