package io.replayingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.TestBodies;
import io.replayingest.testing.TestS3Client;
import io.restassured.RestAssured;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Runs against the packaged service (the JVM jar in CI, the native executable where one is built) rather than the
 * in-process test application, so that packaging and native configuration are covered too.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(S3StoreResource.class)
class PackagedServiceIT {

    static final String INGEST = "Bearer " + S3StoreResource.KEY;
    static final String REPLAY = "Bearer " + S3StoreResource.REPLAY_KEY;

    @Test
    void multipartUpload_storedTaggedAndReplayable() throws Exception {
        String session = "it-" + UUID.randomUUID();
        byte[] body = TestBodies.bytes((int) S3StoreResource.PART_SIZE + 1000, 21);

        given().header("Authorization", INGEST).header("Content-Encoding", "gzip").body(body)
                .when().put("/v1/projects/demo/sessions/{session}/chunks/0", session)
                .then().statusCode(201).body("parts", equalTo(2))
                .body("sha256", equalTo(TestBodies.sha256Hex(body)));

        String key = "demo/" + session + "/chunks/000000";
        try (S3Client s3 = TestS3Client.create()) {
            Map<String, String> tags = s3.getObjectTagging(b -> b.bucket("recordings").key(key)).tagSet().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value));
            assertEquals("recording", tags.get("kind"));
            assertEquals(session, tags.get("session"));
            assertEquals("gzip", s3.headObject(b -> b.bucket("recordings").key(key)).contentEncoding());
        }
        String url = given().header("Authorization", REPLAY)
                .when().get("/v1/projects/demo/sessions/{session}/replay", session)
                .then().statusCode(200).extract().path("chunks[0].url");
        HttpResponse<InputStream> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, download.statusCode());
        try (InputStream stored = download.body()) {
            assertEquals(TestBodies.sha256Hex(body), TestBodies.sha256Hex(stored));
        }
    }

    @Test
    void failedUpload_abortedWithNothingLeft() {
        String session = "it-" + UUID.randomUUID();
        String wrongDigest = "sha-256=:" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + ":";

        given().header("Authorization", INGEST).header("Content-Digest", wrongDigest)
                .body(TestBodies.bytes((int) S3StoreResource.PART_SIZE + 1, 22))
                .when().put("/v1/projects/demo/sessions/{session}/chunks/0", session)
                .then().statusCode(400).body("error", equalTo("DIGEST_MISMATCH"));

        try (S3Client s3 = TestS3Client.create()) {
            assertTrue(s3.listMultipartUploads(b -> b.bucket("recordings").prefix("demo/" + session + "/"))
                    .uploads().isEmpty());
            assertTrue(s3.listObjectsV2(b -> b.bucket("recordings").prefix("demo/" + session + "/"))
                    .contents().isEmpty());
        }
    }

    @Test
    void metrics_countUploadsAndStoreCalls() {
        given().header("Authorization", INGEST).body(new byte[] { 1, 2, 3 })
                .when().put("/v1/projects/demo/sessions/{session}/chunks/0", "it-" + UUID.randomUUID())
                .then().statusCode(201);

        String metrics = RestAssured.when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertTrue(metrics.contains("replay_ingest_uploads_completed_total{kind=\"recording\"}"), metrics);
        assertTrue(metrics.contains("replay_ingest_store_requests_seconds_count{operation=\"PutObject\""), metrics);
    }

    @Test
    void health_reportsUp() {
        RestAssured.when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
