package io.replayingest.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.replayingest.testing.PrometheusText;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.TestBodies;

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
class IngestMetricsTest {

    static final int PART = (int) S3StoreResource.PART_SIZE;
    static final String CHUNK_TEMPLATE = "/v1/projects/{projectId}/sessions/{sessionId}/chunks/{seq}";

    static void upload(String session, int seq, byte[] body, int expectedStatus) {
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .contentType("application/octet-stream")
                .body(body)
                .when().put("/v1/projects/demo/sessions/{session}/chunks/{seq}", session, seq)
                .then().statusCode(expectedStatus);
    }

    @Test
    void uploads_moveCountersHistogramsAndStoreTimers() {
        String session = "m-" + UUID.randomUUID();
        PrometheusText before = PrometheusText.scrape();

        upload(session, 0, TestBodies.bytes(1000, 1), 201);
        upload(session, 1, TestBodies.bytes(PART + 10, 2), 201);
        PrometheusText after = PrometheusText.scrape();

        assertEquals(2, delta(before, after, "replay_ingest_uploads_started_total", "kind", "recording"));
        assertEquals(2, delta(before, after, "replay_ingest_uploads_completed_total", "kind", "recording"));
        assertEquals(1000 + PART + 10, delta(before, after, "replay_ingest_received_bytes_total", "kind", "recording"));
        assertEquals(2, delta(before, after, "replay_ingest_upload_duration_seconds_count", "outcome", "completed"));
        assertEquals(2, delta(before, after, "replay_ingest_upload_size_bytes_count", "outcome", "completed"));
        assertEquals(1, delta(before, after, "replay_ingest_upload_size_bytes_bucket", "outcome", "completed",
                "le", "1024.0"), "the 1000-byte upload falls in the 1 KiB bucket");
        assertEquals(1, delta(before, after, "replay_ingest_store_requests_seconds_count", "operation", "PutObject",
                "outcome", "success"));
        assertEquals(2, delta(before, after, "replay_ingest_store_requests_seconds_count", "operation", "UploadPart",
                "outcome", "success"));
        assertEquals(1, delta(before, after, "replay_ingest_store_requests_seconds_count",
                "operation", "CompleteMultipartUpload", "outcome", "success"));
        assertEquals(0, after.sum("replay_ingest_parts_in_flight"));
    }

    @Test
    void abortedUpload_countedWithReason() {
        String session = "m-" + UUID.randomUUID();
        PrometheusText before = PrometheusText.scrape();

        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .header("Content-Digest", "sha-256=:" + "A".repeat(43) + "=:")
                .body(TestBodies.bytes(100, 3))
                .when().put("/v1/projects/demo/sessions/{session}/chunks/0", session)
                .then().statusCode(400);
        PrometheusText after = PrometheusText.scrape();

        assertEquals(1, delta(before, after, "replay_ingest_uploads_aborted_total", "reason", "digest_mismatch"));
        assertEquals(1, delta(before, after, "replay_ingest_upload_duration_seconds_count", "outcome", "aborted"));
        assertEquals(1, delta(before, after, "replay_ingest_errors_total", "code", "DIGEST_MISMATCH",
                "status", "400"));
    }

    @Test
    void rejectedKey_countedAsError() {
        PrometheusText before = PrometheusText.scrape();

        given().body(new byte[1]).when().put("/v1/projects/demo/sessions/s1/chunks/0").then().statusCode(401);
        PrometheusText after = PrometheusText.scrape();

        assertEquals(1, delta(before, after, "replay_ingest_errors_total", "code", "MISSING_KEY", "status", "401"));
    }

    @Test
    void bufferGauges_reportBudget() {
        PrometheusText metrics = PrometheusText.scrape();

        assertEquals(256.0 * 1024 * 1024, metrics.sum("replay_ingest_buffer_capacity_bytes"));
        assertEquals(0, metrics.sum("replay_ingest_buffer_waiting"));
        assertTrue(metrics.seriesOf("replay_ingest_buffer_used_bytes").size() == 1);
    }

    @Test
    void httpMetrics_taggedByRouteTemplate() {
        String session = "m-" + UUID.randomUUID();
        upload(session, 0, new byte[10], 201);
        for (int i = 0; i < 3; i++) {
            given().when().get("/random-" + UUID.randomUUID()).then().statusCode(404);
        }

        PrometheusText metrics = PrometheusText.scrape();
        java.util.List<String> series = metrics.seriesOf("http_server_requests_seconds_count");

        assertTrue(metrics.sum("http_server_requests_seconds_count", "uri", CHUNK_TEMPLATE, "status", "201") >= 1,
                "chunk uploads are tagged by their template; series: " + series);
        assertTrue(series.stream().noneMatch(name -> name.contains(session) || name.contains("random-")),
                "no series names a raw path: " + series);
        assertTrue(metrics.sum("http_server_requests_seconds_count", "uri", "NOT_FOUND", "status", "404") >= 3,
                "unmatched paths share one series; series: " + series);
    }

    @Test
    void replayRequests_countedWithPresignedUrls() {
        String session = "m-" + UUID.randomUUID();
        upload(session, 0, new byte[10], 201);
        upload(session, 1, new byte[10], 201);
        PrometheusText before = PrometheusText.scrape();

        given().header("Authorization", "Bearer " + S3StoreResource.REPLAY_KEY)
                .when().get("/v1/projects/demo/sessions/{session}/replay", session)
                .then().statusCode(200);
        given().header("Authorization", "Bearer wrong-key")
                .when().get("/v1/projects/demo/sessions/{session}/replay", session)
                .then().statusCode(401);
        PrometheusText after = PrometheusText.scrape();

        assertEquals(1, delta(before, after, "replay_ingest_replay_requests_total", "endpoint", "replay",
                "outcome", "success"));
        assertEquals(1, delta(before, after, "replay_ingest_replay_requests_total", "endpoint", "replay",
                "outcome", "INVALID_KEY"));
        assertEquals(2, delta(before, after, "replay_ingest_presigned_urls_total", "bucket", "recordings"));
    }

    static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
