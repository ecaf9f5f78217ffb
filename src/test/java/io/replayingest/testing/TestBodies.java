package io.replayingest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Deterministic pseudo-random request bodies of any size, generated while they are read. */
public final class TestBodies {

    private TestBodies() {
    }

    public static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A stream of {@code size} bytes that keeps at most 64 KiB in memory. */
    public static InputStream stream(long size, long seed) {
        Random random = new Random(seed);
        return new InputStream() {
            private long remaining = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (remaining == 0) {
                    return -1;
                }
                int count = (int) Math.min(Math.min(length, remaining), 64 * 1024);
                byte[] chunk = new byte[count];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, buffer, offset, count);
                remaining -= count;
                return count;
            }
        };
    }

    public static String sha256Hex(InputStream input) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        for (int read = input.read(buffer); read >= 0; read = input.read(buffer)) {
            digest.update(buffer, 0, read);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
