package io.replayingest.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;

/**
 * Request bodies of any size made on the fly by repeating a 1 MiB block of seeded random bytes, so that a client
 * holds no more than one write buffer and spends almost no CPU time making bytes. Both the service path and the
 * direct path send the same bytes.
 */
final class PatternBody {

    private static final int BLOCK_BYTES = 1024 * 1024;
    private static final int WRITE_BYTES = 64 * 1024;

    private final byte[] block = new byte[BLOCK_BYTES];

    PatternBody(long seed) {
        new Random(seed).nextBytes(block);
    }

    /** Fills {@code target} with the body bytes that start at {@code offset}. */
    void fill(byte[] target, int length, long offset) {
        int written = 0;
        while (written < length) {
            int from = (int) ((offset + written) % BLOCK_BYTES);
            int count = Math.min(length - written, BLOCK_BYTES - from);
            System.arraycopy(block, from, target, written, count);
            written += count;
        }
    }

    /** Writes the first {@code size} body bytes to {@code out} in writes of 64 KiB. */
    void writeTo(OutputStream out, long size) throws IOException {
        for (long offset = 0; offset < size; offset += WRITE_BYTES) {
            int count = (int) Math.min(WRITE_BYTES, size - offset);
            out.write(block, (int) (offset % BLOCK_BYTES), count);
        }
    }
}
