package io.replayingest.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.TestBodies;
import io.replayingest.testing.TestS3Client;
import io.restassured.response.Response;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Tag;

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
class ChunkUploadTest {

    static final int PART = (int) S3StoreResource.PART_SIZE;
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

    static String newSession() {
        return "s-" + UUID.randomUUID();
    }

    static Response upload(String session, int seq, byte[] body) {
        return given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .contentType("application/octet-stream")
                .body(body)
                .when().put("/v1/projects/demo/sessions/{session}/chunks/{seq}", session, seq);
    }

    static String key(String session, int seq) {
        return String.format("demo/%s/chunks/%06d", session, seq);
    }

    static byte[] read(String key) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket("recordings").key(key))) {
            return in.readAllBytes();
        }
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

    @Test
    void emptyBody_storedAsEmptyObject() throws IOException {
        String session = newSession();

        upload(session, 0, new byte[0]).then().statusCode(201)
                .body("bytes", equalTo(0))
                .body("parts", equalTo(1))
                .body("key", equalTo(key(session, 0)))
                .body("sha256", equalTo(TestBodies.sha256Hex(new byte[0])));

        assertEquals(0, read(key(session, 0)).length);
    }

    @Test
    void oneByte_storedWithLocationAndDigest() throws IOException {
        String session = newSession();
        byte[] body = { 42 };

        upload(session, 7, body).then().statusCode(201)
                .header("Location", endsWith("/v1/projects/demo/sessions/" + session + "/chunks/7"))
                .body("bytes", equalTo(1))
                .body("sha256", equalTo(TestBodies.sha256Hex(body)))
                .body("etag", containsString(""));

        assertEquals(1, read(key(session, 7)).length);
        HeadObjectResponse head = s3.headObject(b -> b.bucket("recordings").key(key(session, 7)));
        assertEquals(TestBodies.sha256Hex(body), head.metadata().get("sha256"));
    }

    @Test
    void exactlyOnePart_storedWithSinglePut() throws IOException {
        String session = newSession();
        byte[] body = TestBodies.bytes(PART, 1);

        upload(session, 1, body).then().statusCode(201).body("bytes", equalTo(PART)).body("parts", equalTo(1));

        assertEquals(TestBodies.sha256Hex(body), TestBodies.sha256Hex(read(key(session, 1))));
        assertFalse(s3.headObject(b -> b.bucket("recordings").key(key(session, 1))).eTag().contains("-"));
    }

    @Test
    void onePartPlusOneByte_storedAsTwoParts() throws IOException {
        String session = newSession();
        byte[] body = TestBodies.bytes(PART + 1, 2);

        upload(session, 2, body).then().statusCode(201).body("bytes", equalTo(PART + 1)).body("parts", equalTo(2));

        assertEquals(TestBodies.sha256Hex(body), TestBodies.sha256Hex(read(key(session, 2))));
        assertTrue(s3.headObject(b -> b.bucket("recordings").key(key(session, 2))).eTag().endsWith("-2\""));
        assertEquals(0, openMultipartUploads(session));
    }

    @Test
    void chunked64MiB_streamedInThirteenParts() throws Exception {
        String session = newSession();
        long size = 64L * 1024 * 1024;
        HttpRequest request = HttpRequest.newBuilder(chunkUri(session, 3))
                .header("Authorization", "Bearer " + S3StoreResource.KEY)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> TestBodies.stream(size, 3)))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(201, response.statusCode(), response.body());
        String expectedSha = TestBodies.sha256Hex(TestBodies.stream(size, 3));
        assertTrue(response.body().contains("\"sha256\":\"" + expectedSha + "\""), response.body());
        HeadObjectResponse head = s3.headObject(b -> b.bucket("recordings").key(key(session, 3)));
        assertEquals(size, head.contentLength());
        assertTrue(head.eTag().endsWith("-13\""), head.eTag());
        try (InputStream stored = s3.getObject(b -> b.bucket("recordings").key(key(session, 3)))) {
            assertEquals(expectedSha, TestBodies.sha256Hex(stored));
        }
    }

    @Test
    void gzipBody_storedByteIdenticalWithEncoding() throws IOException {
        String session = newSession();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write("[{\"type\":4,\"data\":{}}]".repeat(1000).getBytes());
        }
        byte[] body = compressed.toByteArray();

        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .header("Content-Encoding", "gzip")
                .contentType("application/json")
                .body(body)
                .when().put("/v1/projects/demo/sessions/{session}/chunks/4", session)
                .then().statusCode(201);

        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket("recordings")
                .key(key(session, 4)))) {
            assertEquals("gzip", in.response().contentEncoding());
            assertEquals("application/json", in.response().contentType());
            assertEquals(TestBodies.sha256Hex(body), TestBodies.sha256Hex(in.readAllBytes()));
        }
    }

    @Test
    void multipartGzipBody_keepsExactContentEncoding() {
        String session = newSession();
        byte[] body = TestBodies.bytes(PART + 100, 5);

        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .header("Content-Encoding", "br")
                .contentType("application/octet-stream")
                .body(body)
                .when().put("/v1/projects/demo/sessions/{session}/chunks/5", session)
                .then().statusCode(201).body("parts", equalTo(2));

        HeadObjectResponse head = s3.headObject(b -> b.bucket("recordings").key(key(session, 5)));
        assertEquals("br", head.contentEncoding());
        assertEquals(PART + 100, head.contentLength());
    }

    @Test
    void tags_readBackFromStore() {
        String session = newSession();
        upload(session, 0, new byte[] { 1, 2, 3 }).then().statusCode(201);
        upload(session, 1, TestBodies.bytes(PART + 1, 6)).then().statusCode(201);

        for (int seq = 0; seq <= 1; seq++) {
            String key = key(session, seq);
            Map<String, String> tags = s3.getObjectTagging(b -> b.bucket("recordings").key(key)).tagSet().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value));

            assertEquals(Map.of("project", "demo", "session", session, "kind", "recording", "retention", "default"),
                    tags);
        }
    }

    @Test
    void matchingContentDigest_accepted() throws IOException {
        String session = newSession();
        byte[] body = TestBodies.bytes(PART + 10, 7);
        String digest = Base64.getEncoder().encodeToString(TestBodies.sha256().digest(body));

        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .header("Content-Digest", "sha-256=:" + digest + ":")
                .body(body)
                .when().put("/v1/projects/demo/sessions/{session}/chunks/0", session)
                .then().statusCode(201).body("sha256", equalTo(TestBodies.sha256Hex(body)));

        assertEquals(TestBodies.sha256Hex(body),
                s3.headObject(b -> b.bucket("recordings").key(key(session, 0))).metadata().get("sha256"));
    }

    @Test
    void wrongContentDigest_rejectedAndNothingStored() {
        String session = newSession();
        String wrong = Base64.getEncoder().encodeToString(TestBodies.sha256().digest(new byte[] { 9 }));

        int[] sizes = { 100, PART + 100 };
        for (int seq = 0; seq < sizes.length; seq++) {
            int size = sizes[seq];
            given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                    .header("Content-Digest", "sha-256=:" + wrong + ":")
                    .body(TestBodies.bytes(size, 8))
                    .when().put("/v1/projects/demo/sessions/{session}/chunks/{seq}", session, seq)
                    .then().statusCode(400)
                    .body("error", equalTo("DIGEST_MISMATCH"))
                    .body("expected", equalTo(wrong));

            assertFalse(exists(key(session, seq)));
        }
        assertEquals(0, openMultipartUploads(session));
    }

    @Test
    void contentDigestWithParameters_accepted() {
        byte[] body = { 4, 5, 6 };
        String digest = Base64.getEncoder().encodeToString(TestBodies.sha256().digest(body));

        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .header("Content-Digest", "sha-512=:AAAA:, sha-256=:" + digest + ":;origin=tracker")
                .body(body)
                .when().put("/v1/projects/demo/sessions/{session}/chunks/0", newSession())
                .then().statusCode(201).body("sha256", equalTo(TestBodies.sha256Hex(body)));
    }

    @Test
    void awsChunkedContentEncoding_rejected() {
        String session = newSession();

        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .header("Content-Encoding", "gzip, aws-chunked")
                .body(new byte[] { 1, 2, 3 })
                .when().put("/v1/projects/demo/sessions/{session}/chunks/0", session)
                .then().statusCode(400)
                .body("error", equalTo("INVALID_HEADER"))
                .body("value", equalTo("gzip, aws-chunked"));

        assertFalse(exists(key(session, 0)));
    }

    @Test
    void malformedContentDigest_rejected() {
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .header("Content-Digest", "sha-256=:not base64:")
                .body(new byte[] { 1 })
                .when().put("/v1/projects/demo/sessions/{session}/chunks/0", newSession())
                .then().statusCode(400)
                .body("error", equalTo("INVALID_HEADER"))
                .body("value", equalTo("sha-256=:not base64:"));
    }

    @Test
    void retrySameSeq_replacesObject() throws IOException {
        String session = newSession();
        upload(session, 9, "first".getBytes()).then().statusCode(201);

        upload(session, 9, "second attempt".getBytes()).then().statusCode(201);

        assertEquals("second attempt", new String(read(key(session, 9))));
    }

    URI chunkUri(String session, int seq) {
        return baseUri.resolve("/v1/projects/demo/sessions/" + session + "/chunks/" + seq);
    }
}
