package io.replayingest.assets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

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
import io.restassured.response.Response;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
class AssetUploadTest {

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

    static String digest(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(TestBodies.sha256().digest(body)) + ":";
    }

    static Response put(String path, String contentType, byte[] body) {
        return given().header("Authorization", "Bearer " + S3StoreResource.ASSET_KEY)
                .header("Content-Digest", digest(body))
                .contentType(contentType)
                .body(body)
                .when().put("/v1/assets/" + path);
    }

    static byte[] stylesheet() {
        return ("body { color: #" + UUID.randomUUID().toString().substring(0, 6) + "; }").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void stylesheet_storedUnderHashWithPublicUrl() throws Exception {
        byte[] body = stylesheet();
        String sha = TestBodies.sha256Hex(body);

        String url = put("css/site.css", "text/css", body).then().statusCode(201)
                .body("key", equalTo(sha + "/css/site.css"))
                .body("sha256", equalTo(sha))
                .body("stored", equalTo(true))
                .extract().path("url");

        assertEquals(S3StoreResource.server().endpoint() + "/assets/" + sha + "/css/site.css", url);
        HttpResponse<byte[]> fetched = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, fetched.statusCode());
        assertEquals("public, max-age=31536000, immutable", fetched.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(fetched.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertEquals(sha, TestBodies.sha256Hex(fetched.body()));
    }

    @Test
    void sameFileAgain_noOpWithSameUrl() {
        byte[] body = stylesheet();
        String first = put("site.css", "text/css", body).then().statusCode(201).extract().path("url");

        String second = put("site.css", "text/css", body).then().statusCode(200)
                .body("stored", equalTo(false))
                .body("bytes", equalTo(body.length))
                .extract().path("url");

        assertEquals(first, second);
    }

    @Test
    void differentFilesSamePath_neverCollide() throws IOException {
        byte[] first = stylesheet();
        byte[] second = stylesheet();

        String firstKey = put("theme.css", "text/css", first).then().statusCode(201).extract().path("key");
        String secondKey = put("theme.css", "text/css", second).then().statusCode(201).extract().path("key");

        assertNotEquals(firstKey, secondKey);
        try (var stored = s3.getObject(b -> b.bucket("assets").key(firstKey))) {
            assertEquals(TestBodies.sha256Hex(first), TestBodies.sha256Hex(stored.readAllBytes()));
        }
    }

    @Test
    void multipartFont_storedWithCacheControl() {
        byte[] body = TestBodies.bytes((int) S3StoreResource.PART_SIZE + 1000, 41);

        String key = put("fonts/inter.woff2", "font/woff2", body).then().statusCode(201)
                .body("bytes", equalTo(body.length))
                .extract().path("key");

        var head = s3.headObject(b -> b.bucket("assets").key(key));
        assertEquals("public, max-age=31536000, immutable", head.cacheControl());
        assertTrue(head.eTag().endsWith("-2\""), head.eTag());
        assertTrue(head.contentType().startsWith("font/woff2"), head.contentType());
    }

    @Test
    void htmlScriptAndSvg_rejectedWith415() {
        for (String type : new String[] { "text/html", "application/javascript", "text/javascript", "image/svg+xml",
                "application/octet-stream" }) {
            put("page.bin", type, "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)).then()
                    .statusCode(415)
                    .body("error", equalTo("UNSUPPORTED_MEDIA_TYPE"))
                    .body("value", containsString(type));
        }
    }

    @Test
    void missingOrWrongDigest_rejected() {
        byte[] body = stylesheet();

        given().header("Authorization", "Bearer " + S3StoreResource.ASSET_KEY)
                .contentType("text/css").body(body)
                .when().put("/v1/assets/site.css")
                .then().statusCode(400)
                .body("error", equalTo("INVALID_HEADER"))
                .body("message", containsString("Content-Digest"));
        String wrongDigest = digest("other".getBytes(StandardCharsets.UTF_8));
        given().header("Authorization", "Bearer " + S3StoreResource.ASSET_KEY)
                .header("Content-Digest", wrongDigest)
                .contentType("text/css").body(body)
                .when().put("/v1/assets/site.css")
                .then().statusCode(400)
                .body("error", equalTo("DIGEST_MISMATCH"));

        String wrongKey = TestBodies.sha256Hex("other".getBytes(StandardCharsets.UTF_8)) + "/site.css";
        assertTrue(s3.listObjectsV2(b -> b.bucket("assets").prefix(wrongKey)).contents().isEmpty());
    }

    @Test
    void keys_onlyAssetKeyOpens() {
        byte[] body = stylesheet();

        given().header("Content-Digest", digest(body)).contentType("text/css").body(body)
                .when().put("/v1/assets/site.css")
                .then().statusCode(401).body("error", equalTo("MISSING_KEY"));
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .header("Content-Digest", digest(body)).contentType("text/css").body(body)
                .when().put("/v1/assets/site.css")
                .then().statusCode(401).body("error", equalTo("INVALID_KEY"));
    }

    @Test
    void pathTraversal_rejectedWith400() throws IOException {
        for (String path : new String[] { "/v1/assets/../recordings/x.css", "/v1/assets/css/%2e%2e/x.css",
                "/v1/assets//x.css", "/v1/assets/a%5Cb.css", "/v1/other/../assets/x.css" }) {
            try (RawHttpClient client = RawHttpClient.put(baseUri, path, Map.of("Authorization",
                    "Bearer " + S3StoreResource.ASSET_KEY, "Content-Type", "text/css", "Content-Length", "0"))) {
                String response = client.readResponse(10_000);

                assertTrue(response.startsWith("HTTP/1.1 400"), path + " -> " + response);
            }
        }
    }
}
