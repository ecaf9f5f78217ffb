package io.replayingest.spots;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.TestBodies;
import io.replayingest.testing.TestS3Client;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;

/** Direct uploads: a plain HTTP client sends the parts straight to the store with the presigned URLs. */
@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
class DirectUploadTest {

    static final int MIB = 1024 * 1024;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    static S3Client s3;

    @BeforeAll
    static void createClient() {
        s3 = TestS3Client.create();
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    static JsonPath start(String spot, long size) {
        return given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .contentType("application/json")
                .body(Map.of("size", size, "contentType", "video/webm"))
                .when().post("/v1/projects/demo/spots/{spot}/video.webm/uploads", spot)
                .then().statusCode(201)
                .header("Cache-Control", "no-store")
                .extract().jsonPath();
    }

    static void putPart(JsonPath started, int partNumber, byte[] body) throws Exception {
        int index = partNumber - 1;
        long partSize = started.getLong("partSize");
        int from = (int) (index * partSize);
        int to = (int) Math.min(body.length, from + partSize);
        HttpRequest put = HttpRequest.newBuilder(URI.create(started.getString("parts[" + index + "].url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(body, from, to)))
                .build();

        HttpResponse<String> response = HTTP.send(put, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("ETag").isPresent());
    }

    static int openMultipartUploads(String spot) {
        return s3.listMultipartUploads(b -> b.bucket("spots").prefix("demo/" + spot + "/")).uploads().size();
    }

    static int uploadRecords(String spot) {
        return s3.listObjectsV2(b -> b.bucket("spots").prefix(".uploads/demo/" + spot + "/")).contents().size();
    }

    @Test
    void partsStraightToStore_completedAndReadable() throws Exception {
        String spot = "spot-" + UUID.randomUUID();
        byte[] body = TestBodies.bytes(11 * MIB + 123, 61);

        JsonPath started = start(spot, body.length);
        assertEquals(5 * MIB, started.getLong("partSize"));
        assertEquals(3, started.getInt("partCount"));
        assertEquals(MIB + 123, started.getLong("parts[2].bytes"));
        for (int part = 1; part <= 3; part++) {
            putPart(started, part, body);
        }
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .when().post("/v1/projects/demo/spots/{spot}/video.webm/uploads/{id}/complete", spot,
                        started.getString("uploadId"))
                .then().statusCode(200)
                .body("key", equalTo("demo/" + spot + "/video.webm"))
                .body("bytes", equalTo(body.length))
                .body("parts", equalTo(3));

        String key = "demo/" + spot + "/video.webm";
        HeadObjectResponse head = s3.headObject(b -> b.bucket("spots").key(key));
        assertEquals(body.length, head.contentLength());
        assertEquals("video/webm", head.contentType());
        Map<String, String> tags = s3.getObjectTagging(b -> b.bucket("spots").key(key)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals(Map.of("project", "demo", "spot", spot, "kind", "spot", "retention", "default"), tags);
        assertEquals(0, openMultipartUploads(spot));
        assertEquals(0, uploadRecords(spot));
        String location = given().header("Authorization", "Bearer " + S3StoreResource.REPLAY_KEY)
                .redirects().follow(false)
                .when().get("/v1/projects/demo/spots/{spot}/video.webm", spot)
                .then().statusCode(307).extract().header("Location");
        HttpResponse<byte[]> range = HTTP.send(HttpRequest.newBuilder(URI.create(location))
                .header("Range", "bytes=" + (5 * MIB - 10) + "-" + (5 * MIB + 9)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, range.statusCode());
        assertArrayEquals(Arrays.copyOfRange(body, 5 * MIB - 10, 5 * MIB + 10), range.body());
    }

    @Test
    void missingPart_conflictThenCompletes() throws Exception {
        String spot = "spot-" + UUID.randomUUID();
        byte[] body = TestBodies.bytes(6 * MIB, 62);
        JsonPath started = start(spot, body.length);
        String uploadId = started.getString("uploadId");
        putPart(started, 1, body);

        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .when().post("/v1/projects/demo/spots/{spot}/video.webm/uploads/{id}/complete", spot, uploadId)
                .then().statusCode(409)
                .body("error", equalTo("CONFLICT"))
                .body("expectedParts", equalTo(2))
                .body("parts", equalTo(1));
        putPart(started, 2, body);
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .when().post("/v1/projects/demo/spots/{spot}/video.webm/uploads/{id}/complete", spot, uploadId)
                .then().statusCode(200).body("bytes", equalTo(body.length));

        byte[] stored = s3.getObjectAsBytes(b -> b.bucket("spots").key("demo/" + spot + "/video.webm")).asByteArray();
        assertEquals(TestBodies.sha256Hex(body), TestBodies.sha256Hex(stored));
    }

    @Test
    void abort_removesUploadAndRecord() throws Exception {
        String spot = "spot-" + UUID.randomUUID();
        byte[] body = TestBodies.bytes(6 * MIB, 63);
        JsonPath started = start(spot, body.length);
        putPart(started, 1, body);
        assertEquals(1, openMultipartUploads(spot));

        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .when().delete("/v1/projects/demo/spots/{spot}/video.webm/uploads/{id}", spot,
                        started.getString("uploadId"))
                .then().statusCode(204);

        assertEquals(0, openMultipartUploads(spot));
        assertEquals(0, uploadRecords(spot));
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .when().post("/v1/projects/demo/spots/{spot}/video.webm/uploads/{id}/complete", spot,
                        started.getString("uploadId"))
                .then().statusCode(404).body("error", equalTo("NOT_FOUND"));
    }

    @Test
    void invalidStart_rejected() {
        String spot = "spot-" + UUID.randomUUID();

        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .contentType("application/json").body(Map.of("size", 0))
                .when().post("/v1/projects/demo/spots/{spot}/video.webm/uploads", spot)
                .then().statusCode(400).body("error", equalTo("INVALID_BODY"));
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .contentType("application/json").body(Map.of("size", 5L * 1024 * 1024 * 1024))
                .when().post("/v1/projects/demo/spots/{spot}/video.webm/uploads", spot)
                .then().statusCode(413).body("message", containsString("spots.max-size"));
        given().header("Authorization", "Bearer " + S3StoreResource.REPLAY_KEY)
                .contentType("application/json").body(Map.of("size", 10))
                .when().post("/v1/projects/demo/spots/{spot}/video.webm/uploads", spot)
                .then().statusCode(401);
        assertEquals(0, openMultipartUploads(spot));
    }

    @Test
    void singlePartUpload_hasOneUrl() {
        JsonPath started = start("spot-" + UUID.randomUUID(), 1000);

        assertEquals(1, started.getInt("partCount"));
        assertEquals(1000, started.getLong("parts[0].bytes"));
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .when().delete("/v1/projects/demo/spots/{spot}/video.webm/uploads/{id}", "x",
                        started.getString("uploadId"))
                .then().statusCode(404);
    }
}
