package io.replayingest.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.replayingest.testing.ChildProcesses;
import io.replayingest.testing.S3MockServer;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) in a child JVM on a free loopback port, pointed
 * at a {@link BenchStore}. Its peak resident set comes from the kernel's high-water mark (VmHWM), which covers the
 * whole life of the process, so each memory figure uses a fresh process.
 */
final class ServiceProcess implements AutoCloseable {

    static final String PROJECT = "bench";
    static final String KEY = "bench-ingest-key";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI base;

    private ServiceProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /**
     * Starts the service with the given extra JVM options (for example {@code -Xmx128m}) and settings, and waits
     * until its readiness check passes.
     */
    static ServiceProcess start(BenchStore store, List<String> jvmOptions, Map<String, String> settings, Path log)
            throws IOException, InterruptedException {
        int port = S3MockServer.freePort();
        List<String> command = new ArrayList<>(List.of(S3MockServer.javaExecutable()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("S3_ENDPOINT", store.endpoint().toString());
        env.put("S3_PATH_STYLE", "true");
        env.put("S3_ACCESS_KEY", store.accessKey());
        env.put("S3_SECRET_KEY", store.secretKey());
        env.put("S3_TAGGING", String.valueOf(store.tagging()));
        env.put("INGEST_KEYS", PROJECT + ":" + KEY);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.putAll(settings);
        Files.createDirectories(log.getParent());
        ServiceProcess service = new ServiceProcess(builder.start(), URI.create("http://127.0.0.1:" + port));
        ChildProcesses.awaitHttp(service.process, "The service", service.base.resolve("/q/health/ready"),
                status -> status == 200, START_TIMEOUT, log);
        return service;
    }

    URI base() {
        return base;
    }

    /** Peak resident set size of the service since it started, in bytes. */
    long peakRssBytes() throws IOException {
        return statusBytes("VmHWM:");
    }

    /** Current resident set size of the service, in bytes. */
    long rssBytes() throws IOException {
        return statusBytes("VmRSS:");
    }

    private long statusBytes(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith(field)) {
                String kilobytes = line.substring(field.length()).replace("kB", "").trim();
                return Long.parseLong(kilobytes) * 1024;
            }
        }
        throw new IOException(field + " is missing from /proc/" + process.pid() + "/status");
    }



    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
