package io.replayingest.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code quarkus-run.jar}) in a child JVM on 127.0.0.1, configured with system properties.
 * Integration tests use it to exercise what only a real process has: signals, exit codes and the command line.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Settings that point the service at {@code store} with the test keys. */
    public static Map<String, String> storeSettings(S3MockServer store) {
        return Map.of(
                "s3.endpoint", store.endpoint().toString(),
                "s3.path-style", "true",
                "s3.access-key", "test-access-key",
                "s3.secret-key", "test-secret-key",
                "ingest.keys", S3StoreResource.PROJECT + ":" + S3StoreResource.KEY,
                "ingest.part-size", String.valueOf(S3StoreResource.PART_SIZE));
    }

    /** Runs the jar with {@code args} and waits for it to exit; returns the process so its output can be read. */
    public static ServiceProcess run(Map<String, String> settings, Path log, String... args)
            throws IOException, InterruptedException {
        ServiceProcess service = launch(settings, log, 0, args);
        if (!service.process.waitFor(120, TimeUnit.SECONDS)) {
            service.close();
            throw new IOException("The service did not exit within 120 s; see " + log);
        }
        return service;
    }

    /** Starts the server and waits until {@code /q/health/live} returns 200. */
    public static ServiceProcess start(Map<String, String> settings, Path log) throws IOException, InterruptedException {
        ServiceProcess service = launch(settings, log, S3MockServer.freePort());
        service.awaitLive();
        return service;
    }

    private static ServiceProcess launch(Map<String, String> settings, Path log, int port, String... args)
            throws IOException {
        Path jar = Paths.get(System.getProperty("service.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IOException("Missing " + jar + ": build it with ./mvnw package");
        }
        List<String> command = new ArrayList<>(List.of(S3MockServer.javaExecutable(), "-Xmx256m"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(process, log, port);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Process process() {
        return process;
    }

    /** Everything the process wrote to stdout and stderr so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    private void awaitLive() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("The service exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri("/q/health/live")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        close();
        throw new IOException("The service did not start within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
