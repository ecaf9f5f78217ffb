package io.replayingest.testing;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one S3Mock server for the whole test run and points the service at it. The test keys are
 * {@code demo:ingest-key-1}, {@code demo:ingest-key-2} and {@code other:other-key}.
 */
public class S3StoreResource implements QuarkusTestResourceLifecycleManager {

    public static final String PROJECT = "demo";
    public static final String KEY = "ingest-key-1";
    public static final String ROTATED_KEY = "ingest-key-2";
    public static final String OTHER_PROJECT_KEY = "other-key";
    /** S3's minimum part size, so that multipart tests need little data. */
    public static final long PART_SIZE = 5L * 1024 * 1024;

    private static S3MockServer server;

    /** Returns the shared server, starting it on first use. */
    public static synchronized S3MockServer server() {
        if (server == null) {
            try {
                server = S3MockServer.start(Path.of("target", "s3mock-data", String.valueOf(ProcessHandle.current().pid())));
            } catch (Exception e) {
                throw new IllegalStateException("S3Mock could not be started", e);
            }
            S3MockServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "s3.endpoint", server().endpoint().toString(),
                "s3.path-style", "true",
                "s3.access-key", "test-access-key",
                "s3.secret-key", "test-secret-key",
                "ingest.keys", PROJECT + ":" + KEY + "," + PROJECT + ":" + ROTATED_KEY + ",other:" + OTHER_PROJECT_KEY,
                "ingest.part-size", String.valueOf(PART_SIZE),
                "ingest.max-chunk-size", String.valueOf(80L * 1024 * 1024),
                "ingest.retention.longterm", "long");
    }

    @Override
    public void stop() {
        // The server is shared by all test classes and stops with the JVM.
    }
}
