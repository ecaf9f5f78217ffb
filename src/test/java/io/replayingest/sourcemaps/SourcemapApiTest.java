package io.replayingest.sourcemaps;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
import io.replayingest.testing.TestS3Client;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Tag;

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
class SourcemapApiTest {

    static final String WEBPACK_MAP = "{\"version\":3,\"file\":\"app.js\",\"mappings\":\"AAAA,SAASA\","
            + "\"sources\":[\"src/app.ts\"],\"names\":[\"main\"]}";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
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

    static String newRelease() {
        return "1.0." + UUID.randomUUID();
    }

    static Response put(String release, String path, String body) {
        return given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().put("/v1/projects/demo/sourcemaps/" + release + "/" + path);
    }

    static boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket("sourcemaps").key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    static int openMultipartUploads(String release) {
        return s3.listMultipartUploads(b -> b.bucket("sourcemaps").prefix("demo/" + release + "/")).uploads().size();
    }

    /** Waits until the release has no multipart upload left, since an abort may finish after the response. */
    static void awaitNoMultipartUploads(String release) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (openMultipartUploads(release) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(0, openMultipartUploads(release));
    }

    String rawResponse(String path) throws IOException {
        try (RawHttpClient client = RawHttpClient.put(baseUri, path, Map.of("Authorization",
                "Bearer " + S3StoreResource.KEY, "Content-Type", "application/json", "Content-Length", "2"))) {
            client.send(0, 0);
            return client.readResponse(10_000);
        }
    }

    @Test
    void nestedMap_storedWithTypeAndTags() {
        String release = newRelease();

        put(release, "js/vendor/app.js.map", WEBPACK_MAP).then().statusCode(201)
                .body("key", equalTo("demo/" + release + "/js/vendor/app.js.map"))
                .body("bytes", equalTo(WEBPACK_MAP.length()));

        String key = "demo/" + release + "/js/vendor/app.js.map";
        assertEquals("application/json", s3.headObject(b -> b.bucket("sourcemaps").key(key)).contentType());
        Map<String, String> tags = s3.getObjectTagging(b -> b.bucket("sourcemaps").key(key)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals(Map.of("project", "demo", "release", release, "kind", "sourcemap", "retention", "default"),
                tags);
    }

    @Test
    void mappingsAfterLargeSourcesContent_accepted() {
        String release = newRelease();
        String sources = "x".repeat(100_000);
        String map = "{\"version\": 3, \"sources\": [\"a.ts\"], \"sourcesContent\": [\"" + sources
                + "\"], \"mappings\": \"AAAA\"}\n";

        put(release, "app.js.map", map).then().statusCode(201);

        assertTrue(exists("demo/" + release + "/app.js.map"));
    }

    @Test
    void notJson_rejectedAndNothingStored() {
        String release = newRelease();

        put(release, "app.js.map", "console.log('not a map');").then().statusCode(400)
                .body("error", equalTo("INVALID_BODY"))
                .body("message", containsString("does not start with {"));

        assertFalse(exists("demo/" + release + "/app.js.map"));
    }

    @Test
    void missingVersionOrMappings_rejected() {
        String release = newRelease();
        String noVersion = "{\"file\":\"a.js\",\"names\":[\"" + "n".repeat(2000) + "\"],\"mappings\":\"A\"}";
        String noMappings = "{\"version\":3,\"sources\":[]}";
        String truncated = "{\"version\":3,\"mappings\":\"AAAA\"";

        put(release, "a.js.map", noVersion).then().statusCode(400)
                .body("error", equalTo("INVALID_BODY")).body("message", containsString("\"version\""));
        put(release, "b.js.map", noMappings).then().statusCode(400)
                .body("error", equalTo("INVALID_BODY")).body("message", containsString("\"mappings\""));
        put(release, "c.js.map", truncated).then().statusCode(400)
                .body("error", equalTo("INVALID_BODY")).body("message", containsString("does not end with }"));

        assertFalse(exists("demo/" + release + "/a.js.map"));
        assertFalse(exists("demo/" + release + "/b.js.map"));
        assertFalse(exists("demo/" + release + "/c.js.map"));
    }

    @Test
    void multipartBodyWithoutMappings_abortedAtEnd() throws InterruptedException {
        String release = newRelease();
        String large = "{\"version\":3,\"sources\":[\"" + "s".repeat(12 * 1024 * 1024) + "\"]}";

        put(release, "big.js.map", large).then().statusCode(400)
                .body("error", equalTo("INVALID_BODY"));

        assertFalse(exists("demo/" + release + "/big.js.map"));
        awaitNoMultipartUploads(release);
    }

    @Test
    void otherContentType_rejectedWith415() {
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .contentType("text/plain")
                .body(WEBPACK_MAP.getBytes(StandardCharsets.UTF_8))
                .when().put("/v1/projects/demo/sourcemaps/{release}/app.js.map", newRelease())
                .then().statusCode(415)
                .body("error", equalTo("UNSUPPORTED_MEDIA_TYPE"))
                .body("value", containsString("text/plain"));
    }

    @Test
    void pathTraversal_rejectedWith400() throws IOException {
        String release = newRelease();
        List<String> paths = List.of(
                "/v1/projects/demo/sourcemaps/" + release + "/js/../../other/app.js.map",
                "/v1/projects/demo/sourcemaps/" + release + "/%2e%2e/app.js.map",
                "/v1/projects/demo/sourcemaps/" + release + "/js/%2E%2E/%2E%2E/app.js.map",
                "/v1/projects/demo/sourcemaps/" + release + "//etc/app.js.map",
                "/v1/projects/demo/sourcemaps/" + release + "/js%2F..%2Fapp.js.map",
                "/v1/projects/demo/sourcemaps/" + release + "/js%5Capp.js.map",
                "/v1/projects/demo/sourcemaps/" + release + "/" + "a".repeat(600) + ".map",
                "/v1/projects/demo/sourcemaps/../sourcemaps/" + release + "/app.js.map");

        for (String path : paths) {
            String response = rawResponse(path);

            assertTrue(response.startsWith("HTTP/1.1 400"), path + " -> " + response);
            assertTrue(response.contains("INVALID_PARAMETER"), path + " -> " + response);
        }
        assertTrue(s3.listObjectsV2(b -> b.bucket("sourcemaps").prefix("demo/" + release)).contents().isEmpty());
    }

    @Test
    void releaseListing_returnsPathsWithReplayKey() {
        String release = newRelease();
        put(release, "app.js.map", WEBPACK_MAP).then().statusCode(201);
        put(release, "js/chunk-1.js.map", WEBPACK_MAP).then().statusCode(201);

        given().header("Authorization", "Bearer " + S3StoreResource.REPLAY_KEY)
                .when().get("/v1/projects/demo/sourcemaps/{release}", release)
                .then().statusCode(200)
                .body("release", equalTo(release))
                .body("sourcemaps", hasSize(2))
                .body("sourcemaps[0].path", equalTo("app.js.map"))
                .body("sourcemaps[1].path", equalTo("js/chunk-1.js.map"))
                .body("sourcemaps[1].bytes", equalTo(WEBPACK_MAP.length()));
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .when().get("/v1/projects/demo/sourcemaps/{release}", release)
                .then().statusCode(401);
    }

    @Test
    void presignedPut_uploadsStraightToStore() throws Exception {
        String release = newRelease();

        JsonPath answer = given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .contentType("application/json")
                .body(Map.of("paths", List.of("app.js.map", "js/chunk-2.js.map")))
                .when().post("/v1/projects/demo/sourcemaps/{release}/uploads", release)
                .then().statusCode(200)
                .body("uploads", hasSize(2))
                .body("uploads[1].key", equalTo("demo/" + release + "/js/chunk-2.js.map"))
                .extract().jsonPath();

        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(answer.getString("uploads[1].url")))
                .PUT(HttpRequest.BodyPublishers.ofString(WEBPACK_MAP));
        answer.getMap("uploads[1].headers", String.class, String.class).forEach(put::header);
        HttpResponse<String> stored = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode(), stored.body());
        String key = "demo/" + release + "/js/chunk-2.js.map";
        assertEquals("application/json", s3.headObject(b -> b.bucket("sourcemaps").key(key)).contentType());
        Map<String, String> tags = s3.getObjectTagging(b -> b.bucket("sourcemaps").key(key)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals("sourcemap", tags.get("kind"));
        Instant expiresAt = Instant.parse(answer.getString("expiresAt"));
        assertTrue(expiresAt.isAfter(Instant.now().plusSeconds(29 * 60)), expiresAt.toString());
        assertTrue(expiresAt.isBefore(Instant.now().plusSeconds(31 * 60)), expiresAt.toString());
    }

    @Test
    void presignedPut_rejectsTraversalAndIngestKeyOnly() {
        String release = newRelease();

        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .contentType("application/json")
                .body(Map.of("paths", List.of("ok.js.map", "../escape.js.map")))
                .when().post("/v1/projects/demo/sourcemaps/{release}/uploads", release)
                .then().statusCode(400)
                .body("error", equalTo("INVALID_PARAMETER"))
                .body("value", equalTo("../escape.js.map"));
        given().header("Authorization", "Bearer " + S3StoreResource.REPLAY_KEY)
                .contentType("application/json")
                .body(Map.of("paths", List.of("ok.js.map")))
                .when().post("/v1/projects/demo/sourcemaps/{release}/uploads", release)
                .then().statusCode(401);
    }
}
