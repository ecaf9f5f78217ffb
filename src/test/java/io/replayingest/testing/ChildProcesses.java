package io.replayingest.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/** Starts-up and shutdown helpers for the servers that tests and benchmarks run as child processes. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * Polls {@code url} until its HTTP status satisfies {@code ready}. Fails when the process exits first, or stops it
     * and fails after {@code timeout}; both messages name the log file.
     */
    public static void awaitHttp(Process process, String name, URI url, IntPredicate ready, Duration timeout,
            Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (ready.test(httpStatus(url))) {
                return;
            }
            Thread.sleep(200);
        }
        stop(process, Duration.ofSeconds(10));
        throw new IOException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** Returns the HTTP status of a GET of {@code url}, or -1 when no response arrived. */
    public static int httpStatus(URI url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            return connection.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Sends SIGTERM and waits up to {@code grace}, then kills the process. */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
