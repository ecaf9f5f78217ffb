package io.replayingest.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.replayingest.testing.RawHttpClient;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.TestBodies;
import io.replayingest.testing.TestS3Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
class ChunkUploadRejectionTest {

    /** The test configuration's ingest.max-chunk-size. */
    static final long LIMIT = 80L * 1024 * 1024;
    static S3Client s3;

    @TestHTTPResource("/")
    URI baseUri;

    @BeforeAll
    static void createClient() {
        s3 = TestS3Client.create();
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    static boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket("recordings").key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    static int openMultipartUploads(String session) {
        return s3.listMultipartUploads(b -> b.bucket("recordings").prefix("demo/" + session + "/")).uploads().size();
    }

    /** Waits until the session has no multipart upload left, since an abort may finish after the response. */
    static void awaitNoMultipartUploads(String session) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (openMultipartUploads(session) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(0, openMultipartUploads(session));
    }

    @Test
    void missingKey_rejectedWith401() {
        given().body(new byte[] { 1 })
                .when().put("/v1/projects/demo/sessions/s/chunks/0")
                .then().statusCode(401).body("error", equalTo("MISSING_KEY"));
    }

    @Test
    void wrongKey_rejectedWith401() {
        given().header("Authorization", "Bearer not-a-key").body(new byte[] { 1 })
                .when().put("/v1/projects/demo/sessions/s/chunks/0")
                .then().statusCode(401).body("error", equalTo("INVALID_KEY"));
    }

    @Test
    void otherProjectsKey_rejectedWith403() {
        given().header("Authorization", "Bearer " + S3StoreResource.OTHER_PROJECT_KEY).body(new byte[] { 1 })
                .when().put("/v1/projects/demo/sessions/s/chunks/0")
                .then().statusCode(403)
                .body("error", equalTo("FORBIDDEN"))
                .body("projectId", equalTo("demo"));
    }

    @Test
    void rotatedKey_accepted() {
        given().header("Authorization", "Bearer " + S3StoreResource.ROTATED_KEY).body(new byte[] { 1 })
                .when().put("/v1/projects/demo/sessions/rotated/chunks/0")
                .then().statusCode(201);
    }

    @Test
    void invalidIds_rejectedWith400NamingParameter() {
        String longId = "a".repeat(129);
        Object[][] cases = {
                { "bad.project", "s", "0", "projectId", "bad.project" },
                { longId, "s", "0", "projectId", longId },
                { "demo", "bad%20session", "0", "sessionId", "bad session" },
                { "demo", "s", "1000000", "seq", "1000000" },
                { "demo", "s", "-1", "seq", "-1" },
                { "demo", "s", "abc", "seq", "abc" },
        };
        for (Object[] c : cases) {
            given().urlEncodingEnabled(false)
                    .header("Authorization", "Bearer " + S3StoreResource.KEY).body(new byte[] { 1 })
                    .when().put("/v1/projects/" + c[0] + "/sessions/" + c[1] + "/chunks/" + c[2])
                    .then().statusCode(400)
                    .body("error", equalTo("INVALID_PARAMETER"))
                    .body("parameter", equalTo(c[3]))
                    .body("value", equalTo(c[4]));
        }
    }

    @Test
    void contentLengthOverLimit_rejectedBeforeReadingBody() throws Exception {
        String session = "too-large-declared";
        try (RawHttpClient client = RawHttpClient.put(baseUri, "/v1/projects/demo/sessions/" + session + "/chunks/0",
                Map.of("Authorization", "Bearer " + S3StoreResource.KEY,
                        "Content-Length", String.valueOf(LIMIT + 1)))) {

            String response = client.readResponse(10_000);

            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("\"error\":\"BODY_TOO_LARGE\""), response);
        }
        assertFalse(exists("demo/" + session + "/chunks/000000"));
        assertEquals(0, openMultipartUploads(session));
    }

    @Test
    void chunkedBodyOverLimit_abortedWith413() throws Exception {
        String session = "too-large-chunked";
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/v1/projects/demo/sessions/" + session
                + "/chunks/0"))
                .header("Authorization", "Bearer " + S3StoreResource.KEY)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> TestBodies.stream(LIMIT + 1024 * 1024, 11)))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("BODY_TOO_LARGE"), response.body());
        assertFalse(exists("demo/" + session + "/chunks/000000"));
        awaitNoMultipartUploads(session);
    }

    @Test
    void clientClosingMidBody_leavesNothingBehind() throws Exception {
        String session = "disconnected";
        long partSize = S3StoreResource.PART_SIZE;
        try (RawHttpClient client = RawHttpClient.put(baseUri, "/v1/projects/demo/sessions/" + session + "/chunks/0",
                Map.of("Authorization", "Bearer " + S3StoreResource.KEY,
                        "Content-Length", String.valueOf(3 * partSize)))) {
            client.send(partSize + partSize / 2, 12);
            awaitMultipartUploadStarted(session);
        }

        awaitNoMultipartUploads(session);
        assertFalse(exists("demo/" + session + "/chunks/000000"));
    }

    private static void awaitMultipartUploadStarted(String session) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (openMultipartUploads(session) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertEquals(1, openMultipartUploads(session), "the first part should have started a multipart upload");
    }

    @Test
    void unknownRoute_notHandledAsUpload() {
        given().header("Authorization", "Bearer " + S3StoreResource.KEY).body(new byte[] { 1 })
                .when().put("/v1/projects/demo/sessions/s/chunks")
                .then().statusCode(404);
    }

    @Test
    void errorBody_namesCodeAndMessage() {
        given().header("Authorization", "Bearer " + S3StoreResource.KEY).body(new byte[] { 1 })
                .when().put("/v1/projects/demo/sessions/s/chunks/x1")
                .then().statusCode(400)
                .contentType("application/json")
                .body("message", containsString("expected an integer from 0 to 999999"));
    }
}
