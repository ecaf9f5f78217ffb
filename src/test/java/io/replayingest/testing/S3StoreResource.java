package io.replayingest.testing;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one S3Mock server for the whole test run and points the service at it. The ingest keys are
 * {@code demo:ingest-key-1}, {@code demo:ingest-key-2} and {@code other:other-key}; the replay keys are
 * {@code demo:replay-key-1} and {@code other:other-replay-key}.
 */
public class S3StoreResource implements QuarkusTestResourceLifecycleManager {

    public static final String PROJECT = "demo";
    public static final String KEY = "ingest-key-1";
    public static final String ROTATED_KEY = "ingest-key-2";
    public static final String OTHER_PROJECT_KEY = "other-key";
    public static final String REPLAY_KEY = "replay-key-1";
    public static final String OTHER_PROJECT_REPLAY_KEY = "other-replay-key";
    /** The only origin, besides the service's own, that may call the API from a browser. */
    public static final String ALLOWED_ORIGIN = "http://replay-page.test";
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
        return Map.ofEntries(
                Map.entry("s3.endpoint", server().endpoint().toString()),
                Map.entry("s3.path-style", "true"),
                Map.entry("s3.access-key", "test-access-key"),
                Map.entry("s3.secret-key", "test-secret-key"),
                Map.entry("ingest.keys", PROJECT + ":" + KEY + "," + PROJECT + ":" + ROTATED_KEY + ",other:" + OTHER_PROJECT_KEY),
                Map.entry("ingest.part-size", String.valueOf(PART_SIZE)),
                Map.entry("ingest.max-chunk-size", String.valueOf(80L * 1024 * 1024)),
                Map.entry("ingest.retention.longterm", "long"),
                Map.entry("replay.keys", PROJECT + ":" + REPLAY_KEY + ",other:" + OTHER_PROJECT_REPLAY_KEY),
                Map.entry("quarkus.http.cors.origins", ALLOWED_ORIGIN));
    }

    @Override
    public void stop() {
        // The server is shared by all test classes and stops with the JVM.
    }
}
