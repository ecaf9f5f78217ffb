package io.replayingest.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.replayingest.testing.S3ProxyProfile;
import io.replayingest.testing.TestBodies;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.s3.S3Client;

/** Presigned PUT and UploadPart URLs against S3Proxy, which checks every signature. */
@QuarkusTest
@TestProfile(S3ProxyProfile.class)
class PresignedUploadSignatureTest {

    static final int MIB = 1024 * 1024;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String MAP = "{\"version\":3,\"mappings\":\"AAAA\",\"sources\":[]}";

    static int put(String url, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers
                .ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String tamper(String url) {
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char flipped = url.charAt(at) == '0' ? '1' : '0';
        return url.substring(0, at) + flipped + url.substring(at + 1);
    }

    static JsonPath startDirectUpload(String spot, long size) {
        return given().header("Authorization", "Bearer " + S3ProxyProfile.INGEST_KEY)
                .contentType("application/json")
                .body(Map.of("size", size, "contentType", "video/mp4"))
                .when().post("/v1/projects/demo/spots/{spot}/video.mp4/uploads", spot)
                .then().statusCode(201)
                .extract().jsonPath();
    }

    @Test
    void uploadPartUrls_acceptedAndCompleted() throws Exception {
        String spot = "spot-" + UUID.randomUUID();
        byte[] body = TestBodies.bytes(6 * MIB, 71);
        JsonPath started = startDirectUpload(spot, body.length);

        int first = put(started.getString("parts[0].url"), Arrays.copyOfRange(body, 0, 5 * MIB), Map.of());
        int second = put(started.getString("parts[1].url"), Arrays.copyOfRange(body, 5 * MIB, body.length), Map.of());

        assertEquals(200, first);
        assertEquals(200, second);
        given().header("Authorization", "Bearer " + S3ProxyProfile.INGEST_KEY)
                .when().post("/v1/projects/demo/spots/{spot}/video.mp4/uploads/{id}/complete", spot,
                        started.getString("uploadId"))
                .then().statusCode(200).body("bytes", equalTo(body.length));
        try (S3Client s3 = S3ProxyProfile.server().client()) {
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket("spots").key("demo/" + spot + "/video.mp4"))
                    .asByteArray();
            assertEquals(TestBodies.sha256Hex(body), TestBodies.sha256Hex(stored));
        }
    }

    @Test
    void tamperedUploadPartUrl_rejected() throws Exception {
        String spot = "spot-" + UUID.randomUUID();
        JsonPath started = startDirectUpload(spot, 100);

        int status = put(tamper(started.getString("parts[0].url")), new byte[100], Map.of());

        assertEquals(403, status);
        given().header("Authorization", "Bearer " + S3ProxyProfile.INGEST_KEY)
                .when().delete("/v1/projects/demo/spots/{spot}/video.mp4/uploads/{id}", spot,
                        started.getString("uploadId"))
                .then().statusCode(204);
    }

    @Test
    void sourcemapPutUrl_acceptedOnlyWithSignedHeaders() throws Exception {
        String release = "r-" + UUID.randomUUID();
        JsonPath answer = given().header("Authorization", "Bearer " + S3ProxyProfile.INGEST_KEY)
                .contentType("application/json")
                .body(Map.of("paths", List.of("app.js.map")))
                .when().post("/v1/projects/demo/sourcemaps/{release}/uploads", release)
                .then().statusCode(200)
                .extract().jsonPath();
        String url = answer.getString("uploads[0].url");
        Map<String, String> headers = answer.getMap("uploads[0].headers", String.class, String.class);

        int otherType = put(url, MAP.getBytes(), Map.of("Content-Type", "text/plain"));
        int tampered = put(tamper(url), MAP.getBytes(), headers);
        int valid = put(url, MAP.getBytes(), headers);

        assertEquals(403, otherType);
        assertEquals(403, tampered);
        assertEquals(200, valid);
    }
}
