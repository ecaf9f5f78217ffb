package io.replayingest.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.replayingest.testing.S3MockServer;

/**
 * A real S3Proxy server (org.gaul:s3proxy, jar-with-dependencies) in a child JVM on 127.0.0.1 with the in-memory
 * {@code transient-nio2} backend. It checks SigV4 signatures and answers 501 to every tagging call, so the service
 * runs against it with tagging off. It starts with no buckets.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "bench-access-key";
    static final String SECRET_KEY = "bench-secret-key";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;

    private S3ProxyServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts a server whose JVM heap is at most {@code maxHeap} (for example {@code 6g}) and waits until it answers. */
    static S3ProxyServer start(Path workDir, String maxHeap) throws IOException, InterruptedException {
        Path storesDir = Paths.get(System.getProperty("stores.dir", "target/stores"));
        int port = S3MockServer.freePort();
        Files.createDirectories(workDir);
        Path properties = workDir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=transient-nio2",
                "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY,
                ""));
        Path log = workDir.resolve("s3proxy.log");
        Process process = new ProcessBuilder(List.of(S3MockServer.javaExecutable(), "-Xmx" + maxHeap, "-jar",
                storesDir.resolve("s3proxy.jar").toString(), "--properties", properties.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, URI.create("http://127.0.0.1:" + port));
        server.awaitReady(log);
        return server;
    }

    URI endpoint() {
        return endpoint;
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue() + "; see " + log);
            }
            if (answers()) {
                return;
            }
            Thread.sleep(200);
        }
        close();
        throw new IOException("S3Proxy did not answer within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    /** Any HTTP status means the server is up; an anonymous request gets 403. */
    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
