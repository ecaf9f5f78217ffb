package io.replayingest.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Uploads chunks to the service over HTTP/1.1 on a plain socket, one connection per upload, with Content-Length.
 * A plain socket keeps the client's own CPU cost to copying the body into the kernel.
 */
final class ServiceUploader {

    /** Closes the sockets of uploads that run out of time; a paused service blocks the client's writes. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "upload-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private final URI base;
    private final PatternBody body;
    private final Duration timeout;

    ServiceUploader(URI base, PatternBody body, Duration timeout) {
        this.base = base;
        this.body = body;
        this.timeout = timeout;
    }

    /** The outcome of one upload: HTTP status (or -1 when the connection failed) and time until the whole response arrived. */
    record Result(int status, long nanos, String detail) {
        boolean stored() {
            return status == 201;
        }
    }

    /** Sends {@code size} body bytes as chunk {@code seq} of {@code session} and reads the response. */
    Result upload(String session, int seq, long size) {
        long start = System.nanoTime();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> closeQuietly(socket), timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            String head = "PUT /v1/projects/" + ServiceProcess.PROJECT + "/sessions/" + session + "/chunks/" + seq
                    + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Authorization: Bearer " + ServiceProcess.KEY + "\r\n"
                    + "Content-Type: application/octet-stream\r\n"
                    + "Content-Length: " + size + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            body.writeTo(out, size);
            out.flush();
            String response = readAll(socket.getInputStream());
            deadline.cancel(false);
            return new Result(status(response), System.nanoTime() - start, firstLine(response));
        } catch (IOException e) {
            long nanos = System.nanoTime() - start;
            boolean timedOut = nanos >= timeout.toNanos();
            return new Result(-1, nanos, timedOut ? "no answer within " + timeout.toSeconds() + " s" : e.toString());
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // The upload reports the failure of its own read or write.
        }
    }

    /** Reads the response until the service closes the connection, which it does after {@code Connection: close}. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            response.write(buffer, 0, read);
        }
        return response.toString(StandardCharsets.UTF_8);
    }

    private static int status(String response) {
        String[] statusLine = firstLine(response).split(" ");
        try {
            return statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String firstLine(String response) {
        int end = response.indexOf("\r\n");
        return end < 0 ? response : response.substring(0, end);
    }
}
