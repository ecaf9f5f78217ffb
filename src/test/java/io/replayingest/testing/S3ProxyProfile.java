package io.replayingest.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs the service against S3Proxy, which checks signatures, with tagging off because S3Proxy returns 501 to tagging calls.
 * Presigned URLs are signed for {@code localhost}, which differs from the {@code 127.0.0.1} endpoint, so a URL works
 * only if it was signed for the public endpoint. Browsers may call the API from {@link #pageOrigin()}.
 */
public class S3ProxyProfile implements QuarkusTestProfile {

    public static final String PROJECT = "demo";
    public static final String INGEST_KEY = "proxy-ingest-key";
    public static final String REPLAY_KEY = "proxy-replay-key";

    private static S3ProxyServer server;
    private static int pagePort;

    /** Returns the shared server, starting it on first use. */
    public static synchronized S3ProxyServer server() {
        if (server == null) {
            try {
                server = S3ProxyServer.start(Path.of("target", "s3proxy-data",
                        String.valueOf(ProcessHandle.current().pid())));
                pagePort = S3MockServer.freePort();
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy could not be started", e);
            }
            S3ProxyServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return server;
    }

    /** Returns the endpoint that presigned URLs name: the server's port on {@code localhost}. */
    public static String publicEndpoint() {
        return "http://localhost:" + server().endpoint().getPort();
    }

    /** Returns the origin from which test pages may call the service; its port is free for a test server. */
    public static synchronized String pageOrigin() {
        server();
        return "http://127.0.0.1:" + pagePort;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public String getConfigProfile() {
        return "s3proxy";
    }

    /** Points the service at the shared S3Proxy server. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.ofEntries(
                    Map.entry("s3.endpoint", server().endpoint().toString()),
                    Map.entry("s3.public-endpoint", publicEndpoint()),
                    Map.entry("s3.path-style", "true"),
                    Map.entry("s3.tagging", "false"),
                    Map.entry("s3.access-key", S3ProxyServer.ACCESS_KEY),
                    Map.entry("s3.secret-key", S3ProxyServer.SECRET_KEY),
                    Map.entry("ingest.keys", PROJECT + ":" + INGEST_KEY),
                    Map.entry("ingest.part-size", "5M"),
                    Map.entry("replay.keys", PROJECT + ":" + REPLAY_KEY),
                    Map.entry("quarkus.http.cors.origins", pageOrigin()));
        }

        @Override
        public void stop() {
            // The server is shared by the test classes of this profile and stops with the JVM.
        }
    }
}
