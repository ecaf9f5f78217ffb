package io.replayingest.replay;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.replayingest.storage.ObjectStore;
import io.replayingest.storage.PresignedUrl;
import io.replayingest.testing.S3ProxyProfile;

/** Presigned URLs against S3Proxy, which checks every signature: the store itself must accept or reject them. */
@QuarkusTest
@TestProfile(S3ProxyProfile.class)
class PresignedUrlSignatureTest {

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    ObjectStore store;

    static String uploadChunk(byte[] body) {
        String session = "s-" + UUID.randomUUID();
        given().header("Authorization", "Bearer " + S3ProxyProfile.INGEST_KEY)
                .contentType("application/octet-stream")
                .body(body)
                .when().put("/v1/projects/demo/sessions/{session}/chunks/0", session)
                .then().statusCode(201);
        return session;
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(bytes);
        }
        return compressed.toByteArray();
    }

    static String replayUrl(String session) {
        return given().header("Authorization", "Bearer " + S3ProxyProfile.REPLAY_KEY)
                .when().get("/v1/projects/demo/sessions/{session}/replay", session)
                .then().statusCode(200)
                .extract().jsonPath().getString("chunks[0].url");
    }

    static HttpResponse<byte[]> fetch(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void validUrl_acceptedByStore() throws Exception {
        byte[] body = gzip("[{\"type\":4}]".getBytes());
        String session = "s-" + UUID.randomUUID();
        given().header("Authorization", "Bearer " + S3ProxyProfile.INGEST_KEY)
                .contentType("application/json")
                .header("Content-Encoding", "gzip")
                .body(body)
                .when().put("/v1/projects/demo/sessions/{session}/chunks/0", session)
                .then().statusCode(201);
        HttpRequest request = HttpRequest.newBuilder(URI.create(replayUrl(session)))
                .header("Origin", S3ProxyProfile.pageOrigin())
                .GET().build();

        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertArrayEquals(body, response.body());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        assertNotNull(response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void validUrl_namesPublicEndpoint() {
        String session = uploadChunk(new byte[] { 1 });

        URI url = URI.create(replayUrl(session));

        assertEquals(URI.create(S3ProxyProfile.publicEndpoint()).getAuthority(), url.getAuthority());
    }

    @Test
    void urlSentToUnsignedHost_rejected() throws Exception {
        String session = uploadChunk(new byte[] { 2 });
        String url = replayUrl(session);

        String internal = url.replace(S3ProxyProfile.publicEndpoint(), S3ProxyProfile.server().endpoint().toString());
        HttpResponse<byte[]> response = fetch(internal);

        assertNotEquals(url, internal);
        assertEquals(403, response.statusCode());
    }

    @Test
    void tamperedSignature_rejected() throws Exception {
        String session = uploadChunk(new byte[] { 3 });
        String url = replayUrl(session);
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char flipped = url.charAt(at) == '0' ? '1' : '0';

        HttpResponse<byte[]> response = fetch(url.substring(0, at) + flipped + url.substring(at + 1));

        assertEquals(403, response.statusCode());
    }

    @Test
    void urlForOtherKey_rejected() throws Exception {
        String session = uploadChunk(new byte[] { 4 });
        String other = uploadChunk(new byte[] { 5 });
        String url = replayUrl(session);

        HttpResponse<byte[]> response = fetch(url.replace(session, other));

        assertEquals(403, response.statusCode());
    }

    @Test
    void expiredUrl_rejected() throws Exception {
        String session = uploadChunk(new byte[] { 6 });
        String key = "demo/" + session + "/chunks/000000";
        PresignedUrl shortLived = store.presignGet("recordings", key, Duration.ofSeconds(1));
        PresignedUrl longLived = store.presignGet("recordings", key, Duration.ofHours(1));
        while (!Instant.now().isAfter(shortLived.expiresAt().plusSeconds(1))) {
            Thread.sleep(250);
        }

        HttpResponse<byte[]> expired = fetch(shortLived.url().toString());
        HttpResponse<byte[]> valid = fetch(longLived.url().toString());

        assertEquals(403, expired.statusCode());
        assertEquals(200, valid.statusCode());
    }
}
