package io.replayingest.replay;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.TestBodies;
import io.replayingest.testing.TestS3Client;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
class ReplayApiTest {

    static final String INGEST_AUTH = "Bearer " + S3StoreResource.KEY;
    static final String REPLAY_AUTH = "Bearer " + S3StoreResource.REPLAY_KEY;
    static S3Client s3;
    static HttpClient http;

    @BeforeAll
    static void createClients() {
        s3 = TestS3Client.create();
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void closeClients() {
        s3.close();
    }

    static String newSession() {
        return "s-" + UUID.randomUUID();
    }

    static void upload(String session, int seq, byte[] body, String contentEncoding) {
        var request = given().header("Authorization", INGEST_AUTH).contentType("application/json").body(body);
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        request.when().put("/v1/projects/demo/sessions/{session}/chunks/{seq}", session, seq).then().statusCode(201);
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(text.getBytes());
        }
        return compressed.toByteArray();
    }

    static JsonPath complete(String session) {
        return given().header("Authorization", INGEST_AUTH)
                .when().post("/v1/projects/demo/sessions/{session}/complete", session)
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath replay(String session) {
        return given().header("Authorization", REPLAY_AUTH)
                .when().get("/v1/projects/demo/sessions/{session}/replay", session)
                .then().statusCode(200).header("Cache-Control", "no-store").extract().jsonPath();
    }

    static HttpResponse<byte[]> fetch(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static Map<String, String> queryParameters(URI url) {
        return Arrays.stream(url.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1],
                        StandardCharsets.UTF_8)));
    }

    static String key(String session, int seq) {
        return String.format("demo/%s/chunks/%06d", session, seq);
    }

    @Test
    void complete_writesManifestInSeqOrder() throws IOException {
        String session = newSession();
        byte[] gzipped = gzip("[{\"type\":4}]");
        byte[] plain = "[{\"type\":2}]".getBytes();
        upload(session, 2, plain, null);
        upload(session, 0, gzipped, "gzip");
        upload(session, 10, new byte[0], null);

        JsonPath manifest = complete(session);

        assertEquals(List.of(0, 2, 10), manifest.getList("chunks.seq"));
        assertEquals(3, manifest.getInt("chunkCount"));
        assertEquals(gzipped.length + plain.length, manifest.getLong("totalBytes"));
        assertEquals(key(session, 0), manifest.getString("chunks[0].key"));
        assertEquals(gzipped.length, manifest.getLong("chunks[0].bytes"));
        assertEquals(TestBodies.sha256Hex(gzipped), manifest.getString("chunks[0].sha256"));
        assertEquals("gzip", manifest.getString("chunks[0].contentEncoding"));
        assertEquals("application/json", manifest.getString("chunks[0].contentType"));
        assertNull(manifest.getString("chunks[1].contentEncoding"));
        assertEquals(TestBodies.sha256Hex(plain), manifest.getString("chunks[1].sha256"));
        assertTrue(Instant.parse(manifest.getString("chunks[2].uploadedAt")).isBefore(Instant.now().plusSeconds(60)));
        assertEquals("demo", manifest.getString("projectId"));
        assertEquals(session, manifest.getString("sessionId"));
    }

    @Test
    void complete_storesManifestTaggedLikeChunks() {
        String session = newSession();
        upload(session, 0, "[]".getBytes(), null);

        JsonPath returned = complete(session);

        String manifestKey = "demo/" + session + "/manifest.json";
        ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(b -> b.bucket("recordings").key(manifestKey));
        assertEquals("application/json", stored.response().contentType());
        assertEquals(returned.getMap(""), JsonPath.from(stored.asUtf8String()).getMap(""));
        Map<String, String> tags = s3.getObjectTagging(b -> b.bucket("recordings").key(manifestKey)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals(Map.of("project", "demo", "session", session, "kind", "recording", "retention", "default"), tags);
    }

    @Test
    void completeAgain_includesLateChunk() {
        String session = newSession();
        upload(session, 0, "[1]".getBytes(), null);
        complete(session);
        upload(session, 1, "[2]".getBytes(), null);

        JsonPath manifest = complete(session);

        assertEquals(List.of(0, 1), manifest.getList("chunks.seq"));
        assertEquals(2, manifest.getInt("chunkCount"));
    }

    @Test
    void complete_sessionWithoutChunks_notFound() {
        given().header("Authorization", INGEST_AUTH)
                .when().post("/v1/projects/demo/sessions/{session}/complete", newSession())
                .then().statusCode(404)
                .body("error", equalTo("NOT_FOUND"))
                .body("message", containsString("has no chunks"));
    }

    @Test
    void complete_withReplayKey_unauthorized() {
        given().header("Authorization", REPLAY_AUTH)
                .when().post("/v1/projects/demo/sessions/{session}/complete", newSession())
                .then().statusCode(401)
                .body("error", equalTo("INVALID_KEY"))
                .body("message", containsString("ingest key"));
    }

    @Test
    void replay_liveSession_listsChunksWithWorkingUrls() throws Exception {
        String session = newSession();
        byte[] first = gzip("[{\"type\":4,\"timestamp\":1}]");
        byte[] second = "[{\"type\":3}]".getBytes();
        upload(session, 1, second, null);
        upload(session, 0, first, "gzip");

        JsonPath replay = replay(session);

        assertEquals("listing", replay.getString("source"));
        assertEquals(List.of(0, 1), replay.getList("chunks.seq"));
        assertEquals("gzip", replay.getString("chunks[0].contentEncoding"));
        assertEquals(TestBodies.sha256Hex(first), replay.getString("chunks[0].sha256"));
        assertEquals(second.length, replay.getLong("chunks[1].bytes"));
        HttpResponse<byte[]> download = fetch(replay.getString("chunks[0].url"));
        assertEquals(200, download.statusCode());
        assertEquals("gzip", download.headers().firstValue("Content-Encoding").orElse(null));
        assertArrayEquals(first, download.body());
        assertArrayEquals(second, fetch(replay.getString("chunks[1].url")).body());
    }

    @Test
    void replay_completedSession_readsManifest() {
        String session = newSession();
        upload(session, 0, "[1]".getBytes(), null);
        complete(session);
        upload(session, 1, "[2]".getBytes(), null);

        JsonPath replay = replay(session);

        assertEquals("manifest", replay.getString("source"));
        assertEquals(List.of(0), replay.getList("chunks.seq"));
    }

    @Test
    void replay_urlsSignHostOnly() {
        String session = newSession();
        upload(session, 0, "[1]".getBytes(), null);
        Instant before = Instant.now();

        JsonPath replay = replay(session);

        URI url = URI.create(replay.getString("chunks[0].url"));
        Map<String, String> query = queryParameters(url);
        assertEquals("host", query.get("X-Amz-SignedHeaders"));
        assertEquals("900", query.get("X-Amz-Expires"));
        assertEquals(S3StoreResource.server().endpoint().getAuthority(), url.getAuthority());
        assertTrue(url.getPath().startsWith("/recordings/demo/" + session + "/chunks/000000"), url.getPath());
        Instant expiresAt = Instant.parse(replay.getString("expiresAt"));
        assertFalse(expiresAt.isBefore(before.plus(Duration.ofMinutes(15)).minusSeconds(1)), "expiresAt " + expiresAt);
        assertTrue(expiresAt.isBefore(Instant.now().plus(Duration.ofMinutes(15)).plusSeconds(1)),
                "expiresAt " + expiresAt);
    }

    @Test
    void replay_unknownSession_notFound() {
        given().header("Authorization", REPLAY_AUTH)
                .when().get("/v1/projects/demo/sessions/{session}/replay", newSession())
                .then().statusCode(404)
                .body("error", equalTo("NOT_FOUND"));
    }

    @Test
    void replay_withIngestKey_unauthorized() {
        given().header("Authorization", INGEST_AUTH)
                .when().get("/v1/projects/demo/sessions/{session}/replay", newSession())
                .then().statusCode(401)
                .body("error", equalTo("INVALID_KEY"))
                .body("message", containsString("replay key"));
    }

    @Test
    void replay_missingKey_unauthorized() {
        given().when().get("/v1/projects/demo/sessions/{session}/replay", newSession())
                .then().statusCode(401)
                .body("error", equalTo("MISSING_KEY"));
    }

    @Test
    void replay_otherProjectKey_forbidden() {
        given().header("Authorization", "Bearer " + S3StoreResource.OTHER_PROJECT_REPLAY_KEY)
                .when().get("/v1/projects/demo/sessions/{session}/replay", newSession())
                .then().statusCode(403)
                .body("error", equalTo("FORBIDDEN"))
                .body("projectId", equalTo("demo"));
    }

    @Test
    void replay_invalidSessionId_badRequest() {
        given().header("Authorization", REPLAY_AUTH)
                .when().get("/v1/projects/demo/sessions/{session}/replay", "bad.id")
                .then().statusCode(400)
                .body("error", equalTo("INVALID_PARAMETER"))
                .body("parameter", equalTo("sessionId"))
                .body("value", equalTo("bad.id"));
    }

    @Test
    void chunk_redirectsToPresignedUrl() throws Exception {
        String session = newSession();
        byte[] body = gzip("[{\"type\":2}]");
        upload(session, 3, body, "gzip");

        String location = given().header("Authorization", REPLAY_AUTH).redirects().follow(false)
                .when().get("/v1/projects/demo/sessions/{session}/chunks/3", session)
                .then().statusCode(307).header("Cache-Control", "no-store").header("Location", notNullValue())
                .extract().header("Location");

        assertTrue(location.contains("X-Amz-Signature="), "presigned URL expected");
        HttpResponse<byte[]> download = fetch(location);
        assertEquals(200, download.statusCode());
        assertArrayEquals(body, download.body());
    }

    @Test
    void chunk_missing_notFound() {
        given().header("Authorization", REPLAY_AUTH).redirects().follow(false)
                .when().get("/v1/projects/demo/sessions/{session}/chunks/5", newSession())
                .then().statusCode(404)
                .header("Location", nullValue())
                .body("error", equalTo("NOT_FOUND"))
                .body("seq", equalTo(5));
    }

    @Test
    void chunk_invalidSeq_badRequest() {
        given().header("Authorization", REPLAY_AUTH)
                .when().get("/v1/projects/demo/sessions/{session}/chunks/{seq}", newSession(), "1000000")
                .then().statusCode(400)
                .body("parameter", equalTo("seq"));
    }

    @Test
    void cors_allowedOriginMayFetchReplay() {
        given().header("Origin", S3StoreResource.ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .when().options("/v1/projects/demo/sessions/{session}/replay", newSession())
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", S3StoreResource.ALLOWED_ORIGIN);
    }

    @Test
    void cors_otherOriginRejected() {
        given().header("Origin", "http://elsewhere.test")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/v1/projects/demo/sessions/{session}/replay", newSession())
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void cors_allowedOriginMayUploadChunk() {
        given().header("Origin", S3StoreResource.ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-encoding,content-type")
                .when().options("/v1/projects/demo/sessions/{session}/chunks/0", newSession())
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", S3StoreResource.ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Headers", containsString("content-encoding"));
    }

    @Test
    void replayJson_hasNoUnexpectedFields() {
        String session = newSession();
        upload(session, 0, "[1]".getBytes(), null);

        given().header("Authorization", REPLAY_AUTH)
                .when().get("/v1/projects/demo/sessions/{session}/replay", session)
                .then().statusCode(200)
                .body("chunks", hasSize(1))
                .body("chunks[0].keySet()", containsInAnyOrder("seq", "bytes", "contentType",
                        "contentEncoding", "sha256", "url"));
    }
}
