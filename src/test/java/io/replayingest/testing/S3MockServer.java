package io.replayingest.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real S3Mock server (com.adobe.testing:s3mock, exec jar) in a child JVM on 127.0.0.1, with the four buckets
 * created. S3Mock implements multipart uploads and tagging but checks no signatures.
 */
public final class S3MockServer implements AutoCloseable {

    public static final List<String> BUCKETS = List.of("recordings", "assets", "sourcemaps", "spots");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final URI endpoint;

    private S3MockServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts a server that keeps its data under {@code dataDir} and waits until it responds. */
    public static S3MockServer start(Path dataDir) throws IOException, InterruptedException {
        Path storesDir = Paths.get(System.getProperty("stores.dir", "target/stores"));
        int httpPort = freePort();
        int httpsPort = freePort();
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-jar",
                storesDir.resolve("s3mock.jar").toString(),
                "--spring.main.sources=file:" + Paths.get("dev/s3mock-loopback.xml").toAbsolutePath(),
                "--spring.main.allow-bean-definition-overriding=true",
                "--server.address=127.0.0.1",
                "--server.port=" + httpsPort,
                "--http.port=" + httpPort,
                "--com.adobe.testing.s3mock.max-payload-size=6GB",
                "--com.adobe.testing.s3mock.store.root=" + dataDir.toAbsolutePath(),
                "--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", BUCKETS)));
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3MockServer server = new S3MockServer(process, URI.create("http://127.0.0.1:" + httpPort));
        ChildProcesses.awaitHttp(process, "S3Mock", server.endpoint.resolve("/"), status -> status == 200,
                START_TIMEOUT, log);
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }



    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }
}
