package io.replayingest.testing;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3Proxy server (org.gaul:s3proxy, jar-with-dependencies) in a child JVM on 127.0.0.1, with an in-memory
 * backend and the four buckets created. S3Proxy checks SigV4 signatures and presigned URLs strictly, returns 501 to
 * tagging calls, and sends CORS headers that allow every origin.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "proxy-access-key";
    public static final String SECRET_KEY = "proxy-secret-key";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;

    private S3ProxyServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts a server, waits until it responds and creates the buckets; its log goes next to {@code workDir}. */
    public static S3ProxyServer start(Path workDir) throws IOException, InterruptedException {
        return start(workDir, "256m");
    }

    /** Starts a server as {@link #start(Path)} does, with {@code maxHeap} (such as 6g) for its in-memory objects. */
    public static S3ProxyServer start(Path workDir, String maxHeap) throws IOException, InterruptedException {
        Path storesDir = Paths.get(System.getProperty("stores.dir", "target/stores"));
        int port = S3MockServer.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Files.createDirectories(workDir);
        Path settings = workDir.resolve("s3proxy.properties");
        writeSettings(settings, endpoint);
        Path log = workDir.resolve("s3proxy.log");
        Process process = new ProcessBuilder(S3MockServer.javaExecutable(), "-Xmx" + maxHeap, "-jar",
                storesDir.resolve("s3proxy.jar").toString(), "--properties", settings.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, endpoint);
        // Any HTTP status means it is up, because an unsigned request gets 403.
        ChildProcesses.awaitHttp(process, "S3Proxy", endpoint.resolve("/"), status -> status > 0, START_TIMEOUT, log);
        server.createBuckets();
        return server;
    }

    private static void writeSettings(Path file, URI endpoint) throws IOException {
        Properties settings = new Properties();
        settings.setProperty("s3proxy.endpoint", endpoint.toString());
        settings.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        settings.setProperty("s3proxy.identity", ACCESS_KEY);
        settings.setProperty("s3proxy.credential", SECRET_KEY);
        settings.setProperty("s3proxy.cors-allow-all", "true");
        settings.setProperty("jclouds.provider", "transient-nio2");
        settings.setProperty("jclouds.identity", "unused");
        settings.setProperty("jclouds.credential", "unused");
        try (Writer writer = Files.newBufferedWriter(file)) {
            settings.store(writer, "S3Proxy on loopback for the test suite");
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Returns an AWS SDK client on this server. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private void createBuckets() {
        try (S3Client client = client()) {
            for (String bucket : List.copyOf(S3MockServer.BUCKETS)) {
                client.createBucket(request -> request.bucket(bucket));
            }
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
