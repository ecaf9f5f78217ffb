package io.replayingest.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.replayingest.testing.S3MockServer;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.ServiceProcess;
import io.replayingest.testing.TestBodies;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Sends SIGTERM to the packaged service while one upload stalls and another is still sending, and checks that
 * readiness goes down, new uploads get 503, the sending upload completes and the stalled one is aborted.
 */
class GracefulShutdownIT {

    static final int PART = (int) S3StoreResource.PART_SIZE;
    static S3MockServer store;
    static S3Client s3;

    @BeforeAll
    static void startStore() throws Exception {
        store = S3MockServer.start(Path.of("target", "it-s3mock", "shutdown-" + ProcessHandle.current().pid()));
        s3 = S3Client.builder()
                .endpointOverride(store.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopStore() {
        s3.close();
        store.close();
    }

    @Test
    void sigterm_finishesSendingUploadAndAbortsStalledOne() throws Exception {
        Map<String, String> settings = new HashMap<>(ServiceProcess.storeSettings(store));
        settings.put("shutdown.grace", "5s");
        settings.put("ingest.idle-timeout", "60s");
        String session = "shutdown-" + UUID.randomUUID();
        HttpClient http = HttpClient.newHttpClient();

        try (ServiceProcess service = ServiceProcess.start(settings, Path.of("target", "it-logs", "shutdown.log"))) {
            byte[] stalledBody = TestBodies.bytes(2 * PART, 1);
            byte[] sendingBody = TestBodies.bytes(PART / 2, 2);
            try (Socket stalled = open(service, session, 0, stalledBody.length);
                    Socket sending = open(service, session, 1, sendingBody.length)) {
                // The stalled upload sends one part and a bit, so that a multipart upload exists, then nothing more.
                stalled.getOutputStream().write(stalledBody, 0, PART + 1024);
                stalled.getOutputStream().flush();
                sending.getOutputStream().write(sendingBody, 0, 1024);
                sending.getOutputStream().flush();
                await("the stalled upload's multipart upload", () -> !pendingUploads(session).isEmpty());
                await("both uploads running", () -> startedUploads(http, service) == 2);

                service.process().destroy();
                await("readiness down", () -> status(http, service, "GET", "/q/health/ready") == 503);
                HttpResponse<String> rejected = put(http, service, session, 2);
                sending.getOutputStream().write(sendingBody, 1024, sendingBody.length - 1024);
                sending.getOutputStream().flush();
                String sendingResponse = readResponse(sending);
                String stalledResponse = readResponse(stalled);

                assertEquals(503, rejected.statusCode(), rejected.body());
                assertTrue(rejected.body().contains("SHUTTING_DOWN"), rejected.body());
                assertTrue(sendingResponse.startsWith("HTTP/1.1 201"), sendingResponse);
                assertTrue(stalledResponse.startsWith("HTTP/1.1 503"), stalledResponse);
                assertTrue(stalledResponse.contains("SHUTTING_DOWN"), stalledResponse);
            }
            assertTrue(service.process().waitFor(60, TimeUnit.SECONDS), "the service did not exit");
            assertTrue(service.output().contains("reason=shutdown"), service.output());
        }

        assertEquals(List.of(), pendingUploads(session), "multipart uploads left behind");
        assertFalse(exists(session, 0), "the aborted upload left an object");
        assertTrue(exists(session, 1), "the completed upload's object is missing");
    }

    static Socket open(ServiceProcess service, String session, int seq, int contentLength) throws IOException {
        Socket socket = new Socket("127.0.0.1", service.uri("/").getPort());
        socket.setSoTimeout(60_000);
        String head = "PUT /v1/projects/demo/sessions/" + session + "/chunks/" + seq + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Authorization: Bearer " + S3StoreResource.KEY + "\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** Reads the status line, headers and a body of at most a few KiB until the server closes or sends it all. */
    static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            int read = in.read(buffer);
            if (read < 0) {
                break;
            }
            response.write(buffer, 0, read);
            String text = response.toString(StandardCharsets.UTF_8);
            int headerEnd = text.indexOf("\r\n\r\n");
            if (headerEnd >= 0 && text.substring(headerEnd).trim().endsWith("}")) {
                break;
            }
        }
        return response.toString(StandardCharsets.UTF_8);
    }

    static HttpResponse<String> put(HttpClient http, ServiceProcess service, String session, int seq)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(service.uri("/v1/projects/demo/sessions/" + session
                + "/chunks/" + seq))
                .header("Authorization", "Bearer " + S3StoreResource.KEY)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10]))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static int status(HttpClient http, ServiceProcess service, String method, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(service.uri(path))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static double startedUploads(HttpClient http, ServiceProcess service) {
        try {
            String text = http.send(HttpRequest.newBuilder(service.uri("/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return io.replayingest.testing.PrometheusText.parse(text).sum("replay_ingest_uploads_started_total");
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static List<String> pendingUploads(String session) {
        return s3.listMultipartUploads(b -> b.bucket("recordings").prefix("demo/" + session + "/")).uploads()
                .stream().map(upload -> upload.key()).toList();
    }

    static boolean exists(String session, int seq) {
        try {
            s3.headObject(b -> b.bucket("recordings").key(String.format("demo/%s/chunks/%06d", session, seq)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
