package io.replayingest.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.replayingest.testing.RawHttpClient;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.TestBodies;
import io.replayingest.testing.TestS3Client;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
@TestProfile(BufferLimitsTest.SmallBudget.class)
class BufferLimitsTest {

    static final long MIB = 1024 * 1024;

    /** A budget of two 5 MiB part slots, one part in flight per upload, a short wait for budget and idle timeout. */
    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.max-parts-in-flight", "1",
                    "ingest.max-buffered-bytes", String.valueOf(10 * MIB),
                    "ingest.buffer-wait", "300ms",
                    "ingest.idle-timeout", "15s");
        }
    }

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    BufferBudget budget;

    /** Starts an upload that declares a whole part, so it takes a whole part slot, and then sends no more. */
    RawHttpClient stalledUpload(String session, int seq) throws Exception {
        RawHttpClient client = RawHttpClient.put(baseUri, "/v1/projects/demo/sessions/" + session + "/chunks/" + seq,
                Map.of("Authorization", "Bearer " + S3StoreResource.KEY,
                        "Content-Length", String.valueOf(S3StoreResource.PART_SIZE)));
        return client.send(MIB + MIB / 2, seq);
    }

    @Test
    void fullBudget_newUploadGets503ThenRecovers() throws Exception {
        List<RawHttpClient> stalled = new ArrayList<>();
        try {
            for (int seq = 0; seq < 2; seq++) {
                stalled.add(stalledUpload("stalled", seq));
            }
            awaitBudgetFull();

            given().header("Authorization", "Bearer " + S3StoreResource.KEY).body(new byte[] { 1 })
                    .when().put("/v1/projects/demo/sessions/waiting/chunks/0")
                    .then().statusCode(503)
                    .header("Retry-After", "1")
                    .body("error", equalTo("BUFFER_FULL"));
        } finally {
            for (RawHttpClient client : stalled) {
                client.close();
            }
        }

        awaitBudgetEmpty();
        given().header("Authorization", "Bearer " + S3StoreResource.KEY).body(new byte[] { 1 })
                .when().put("/v1/projects/demo/sessions/waiting/chunks/0")
                .then().statusCode(201);
        try (S3Client s3 = TestS3Client.create()) {
            assertEquals(0, s3.listMultipartUploads(b -> b.bucket("recordings").prefix("demo/stalled/"))
                    .uploads().size());
        }
    }

    /**
     * Uploads larger than a part, more than the budget fits at once: each started upload must reuse the slot of its
     * own finished part instead of waiting for budget that the others have taken, so every request ends.
     */
    @Test
    void manyLargeUploads_allEndWithoutDeadlock() throws Exception {
        int uploads = 8;
        long size = 2 * S3StoreResource.PART_SIZE + MIB;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int seq = 0; seq < uploads; seq++) {
            int seed = seq;
            HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/v1/projects/demo/sessions/many/chunks/"
                    + seq))
                    .header("Authorization", "Bearer " + S3StoreResource.KEY)
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> TestBodies.stream(size, seed)), size))
                    .build();
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }

        int created = 0;
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            int status = response.get(150, TimeUnit.SECONDS).statusCode();
            assertTrue(status == 201 || status == 503, "status " + status);
            created += status == 201 ? 1 : 0;
        }

        assertTrue(created > 0, "at least the first uploads should be admitted");
        awaitBudgetEmpty();
    }

    @Test
    void idleClient_gets408AndUploadAborted() throws Exception {
        String response;
        try (RawHttpClient client = RawHttpClient.put(baseUri, "/v1/projects/demo/sessions/idle/chunks/0",
                Map.of("Authorization", "Bearer " + S3StoreResource.KEY,
                        "Content-Length", String.valueOf(12 * MIB)))) {
            client.send(6 * MIB, 1);

            response = client.readResponse(60_000);
        }

        assertTrue(response.startsWith("HTTP/1.1 408"), response);
        assertTrue(response.contains("\"error\":\"IDLE_TIMEOUT\""), response);
        try (S3Client s3 = TestS3Client.create()) {
            assertEquals(0, s3.listMultipartUploads(b -> b.bucket("recordings").prefix("demo/idle/"))
                    .uploads().size());
        }
        awaitBudgetEmpty();
    }

    private void awaitBudgetFull() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (budget.usedBytes() < budget.capacityBytes() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertEquals(budget.capacityBytes(), budget.usedBytes(), "two stalled uploads should fill the budget");
    }

    private void awaitBudgetEmpty() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (budget.usedBytes() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertEquals(0, budget.usedBytes());
    }
}
