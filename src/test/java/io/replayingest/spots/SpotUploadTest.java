package io.replayingest.spots;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

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
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
class SpotUploadTest {

    static final long MIB = 1024 * 1024;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
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

    static String newSpot() {
        return "spot-" + UUID.randomUUID();
    }

    static String redirectTo(String spot, String file) {
        return given().header("Authorization", "Bearer " + S3StoreResource.REPLAY_KEY)
                .redirects().follow(false)
                .when().get("/v1/projects/demo/spots/{spot}/{file}", spot, file)
                .then().statusCode(307)
                .header("Cache-Control", "no-store")
                .extract().header("Location");
    }

    /**
     * Returns {@code length} bytes from {@code offset} of the generated body. It reads in blocks of 64 KiB, because
     * the generator's bytes depend on the sizes of the reads.
     */
    static byte[] slice(long size, long seed, long offset, int length) throws IOException {
        byte[] slice = new byte[length];
        byte[] block = new byte[64 * 1024];
        long position = 0;
        try (InputStream body = TestBodies.stream(size, seed)) {
            while (position < offset + length) {
                int read = body.readNBytes(block, 0, block.length);
                long from = Math.max(offset, position);
                long to = Math.min(offset + length, position + read);
                if (from < to) {
                    System.arraycopy(block, (int) (from - position), slice, (int) (from - offset), (int) (to - from));
                }
                position += read;
            }
        }
        return slice;
    }

    @Test
    void smallVideo_storedWithTagsAndDefaultType() throws Exception {
        String spot = newSpot();
        byte[] body = TestBodies.bytes(1000, 1);
        HttpRequest put = HttpRequest.newBuilder(baseUri.resolve("/v1/projects/demo/spots/" + spot + "/video.webm"))
                .header("Authorization", "Bearer " + S3StoreResource.KEY)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();

        HttpResponse<String> response = HTTP.send(put, HttpResponse.BodyHandlers.ofString());

        assertEquals(201, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Location").orElse("")
                .endsWith("/v1/projects/demo/spots/" + spot + "/video.webm"));
        assertTrue(response.body().contains("\"key\":\"demo/" + spot + "/video.webm\""), response.body());
        assertTrue(response.body().contains("\"sha256\":\"" + TestBodies.sha256Hex(body) + "\""), response.body());

        String key = "demo/" + spot + "/video.webm";
        assertEquals("video/webm", s3.headObject(b -> b.bucket("spots").key(key)).contentType());
        Map<String, String> tags = s3.getObjectTagging(b -> b.bucket("spots").key(key)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals(Map.of("project", "demo", "spot", spot, "kind", "spot", "retention", "default"), tags);
    }

    @Test
    void eventsFile_keepsContentTypeAndEncoding() {
        String spot = newSpot();

        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .header("Content-Encoding", "gzip")
                .contentType("application/json")
                .body(TestBodies.bytes(50, 2))
                .when().put("/v1/projects/demo/spots/{spot}/events.mob", spot)
                .then().statusCode(201);

        HeadObjectResponse head = s3.headObject(b -> b.bucket("spots").key("demo/" + spot + "/events.mob"));
        assertEquals("application/json", head.contentType());
        assertEquals("gzip", head.contentEncoding());
    }

    @Test
    void unknownFile_rejectedWith400() {
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .body(new byte[] { 1 })
                .when().put("/v1/projects/demo/spots/{spot}/video.avi", newSpot())
                .then().statusCode(400)
                .body("error", equalTo("INVALID_PARAMETER"))
                .body("parameter", equalTo("file"))
                .body("value", equalTo("video.avi"));
    }

    @Test
    void keys_ingestWritesReplayReads() {
        String spot = newSpot();

        given().header("Authorization", "Bearer " + S3StoreResource.REPLAY_KEY)
                .body(new byte[] { 1 })
                .when().put("/v1/projects/demo/spots/{spot}/video.mp4", spot)
                .then().statusCode(401).body("error", equalTo("INVALID_KEY"));
        given().header("Authorization", "Bearer " + S3StoreResource.OTHER_PROJECT_KEY)
                .body(new byte[] { 1 })
                .when().put("/v1/projects/demo/spots/{spot}/video.mp4", spot)
                .then().statusCode(403).body("error", equalTo("FORBIDDEN"));
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .when().get("/v1/projects/demo/spots/{spot}/video.mp4", spot)
                .then().statusCode(401).body("error", equalTo("INVALID_KEY"));
    }

    @Test
    void missingFile_getAnswers404() {
        given().header("Authorization", "Bearer " + S3StoreResource.REPLAY_KEY)
                .when().get("/v1/projects/demo/spots/{spot}/video.mp4", newSpot())
                .then().statusCode(404)
                .body("error", equalTo("NOT_FOUND"))
                .body("file", equalTo("video.mp4"));
    }

    @Test
    void contentLengthOverLimit_rejectedWith413() throws IOException {
        long tooLarge = 4L * 1024 * MIB + 1;
        try (RawHttpClient client = RawHttpClient.put(baseUri, "/v1/projects/demo/spots/" + newSpot() + "/video.webm",
                Map.of("Authorization", "Bearer " + S3StoreResource.KEY, "Content-Length", String.valueOf(tooLarge)))) {
            String response = client.readResponse(10_000);

            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("spots.max-size"), response);
        }
    }

    @Test
    void video300MiB_streamedThenReadWithRange() throws Exception {
        String spot = newSpot();
        long size = 300 * MIB;
        HttpRequest put = HttpRequest.newBuilder(baseUri.resolve("/v1/projects/demo/spots/" + spot + "/video.webm"))
                .header("Authorization", "Bearer " + S3StoreResource.KEY)
                .header("Content-Type", "video/webm")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> TestBodies.stream(size, 300)), size))
                .build();

        HttpResponse<String> stored = HTTP.send(put, HttpResponse.BodyHandlers.ofString());

        assertEquals(201, stored.statusCode(), stored.body());
        String expectedSha = TestBodies.sha256Hex(TestBodies.stream(size, 300));
        assertTrue(stored.body().contains("\"sha256\":\"" + expectedSha + "\""), stored.body());
        assertTrue(stored.body().contains("\"parts\":60"), stored.body());
        long offset = 200 * MIB + 12345;
        HttpRequest range = HttpRequest.newBuilder(URI.create(redirectTo(spot, "video.webm")))
                .header("Range", "bytes=" + offset + "-" + (offset + 65535))
                .GET().build();
        HttpResponse<byte[]> partial = HTTP.send(range, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, partial.statusCode());
        assertEquals("bytes " + offset + "-" + (offset + 65535) + "/" + size,
                partial.headers().firstValue("Content-Range").orElse(null));
        assertArrayEquals(slice(size, 300, offset, 65536), partial.body());
    }

    @Test
    void redirect_pointsToPresignedUrlOfStore() throws Exception {
        String spot = newSpot();
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .contentType("video/mp4")
                .body(new byte[] { 7 })
                .when().put("/v1/projects/demo/spots/{spot}/video.mp4", spot)
                .then().statusCode(201);

        String location = redirectTo(spot, "video.mp4");

        assertTrue(location.startsWith(S3StoreResource.server().endpoint() + "/spots/demo/" + spot + "/video.mp4?"),
                location);
        assertTrue(location.contains("X-Amz-Signature="), location);
        HttpResponse<byte[]> fetched = HTTP.send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, fetched.statusCode());
        assertTrue(fetched.headers().firstValue("Content-Type").orElse("").startsWith("video/mp4"));
        assertArrayEquals(new byte[] { 7 }, fetched.body());
    }
}
