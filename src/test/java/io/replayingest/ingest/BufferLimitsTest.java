package io.replayingest.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.replayingest.testing.RawHttpClient;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.TestS3Client;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
@TestProfile(BufferLimitsTest.SmallBudget.class)
class BufferLimitsTest {

    static final long MIB = 1024 * 1024;

    /** A budget of exactly one upload's bound (two 5 MiB parts), a short wait for it and a short idle timeout. */
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

    RawHttpClient stalledUpload(String session, int seq) throws Exception {
        RawHttpClient client = RawHttpClient.put(baseUri, "/v1/projects/demo/sessions/" + session + "/chunks/" + seq,
                Map.of("Authorization", "Bearer " + S3StoreResource.KEY, "Content-Length", String.valueOf(4 * MIB)));
        return client.send(MIB + MIB / 2, seq);
    }

    @Test
    void fullBudget_newUploadGets503ThenRecovers() throws Exception {
        List<RawHttpClient> stalled = new ArrayList<>();
        try {
            for (int seq = 0; seq < 6; seq++) {
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
        Instant deadline = Instant.now().plusSeconds(3);
        while (budget.waiting() == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertTrue(budget.waiting() > 0, "stalled uploads should fill the budget, used=" + budget.usedBytes());
    }

    private void awaitBudgetEmpty() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (budget.usedBytes() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertEquals(0, budget.usedBytes());
    }
}
