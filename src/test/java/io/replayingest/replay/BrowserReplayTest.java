package io.replayingest.replay;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.replayingest.testing.PageServer;
import io.replayingest.testing.S3ProxyProfile;
import io.restassured.path.json.JsonPath;

/**
 * Records a multi-step page with rrweb in headless Chromium, uploads it in gzip chunks with {@code fetch}, completes
 * the session, and replays it with rrweb-player from a page that downloads every chunk from its presigned URL.
 * S3Proxy checks the URLs' signatures, and every page runs on an origin other than the service's and the store's.
 */
@QuarkusTest
@TestProfile(S3ProxyProfile.class)
class BrowserReplayTest {

    static final Path BROWSER_DIR = Path.of("src", "test", "browser");
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    static final long NODE_TIMEOUT_SECONDS = 180;
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI service;

    @Test
    void recordedSession_replaysInBrowser() throws Exception {
        requireBrowser();
        String session = "browser-" + UUID.randomUUID();
        JsonNode recording;
        JsonNode replay;

        try (PageServer pages = PageServer.start(BROWSER_DIR, URI.create(S3ProxyProfile.pageOrigin()).getPort())) {
            recording = runBrowser("record", pageUrl("record.html", session, S3ProxyProfile.INGEST_KEY));
            assertUploaded(recording);
            JsonPath manifest = complete(session);
            assertEquals(recording.get("uploads").size(), manifest.getInt("chunkCount"));
            assertTrue(manifest.getList("chunks.contentEncoding").stream().allMatch("gzip"::equals),
                    "every chunk is stored with Content-Encoding gzip: " + manifest.getList("chunks.contentEncoding"));
            replay = runBrowser("replay", pageUrl("replay.html", session, S3ProxyProfile.REPLAY_KEY));
        }

        JsonNode recorded = recording.get("events");
        assertEquals("manifest", replay.get("source").asText());
        for (JsonNode chunk : replay.get("chunks")) {
            assertEquals(URI.create(S3ProxyProfile.publicEndpoint()).getAuthority(), chunk.get("host").asText());
        }
        JsonNode decoded = replay.get("events");
        assertEquals(recorded.size(), decoded.size(), "events decoded in the browser");
        for (int i = 0; i < recorded.size(); i++) {
            assertEquals(recorded.get(i), decoded.get(i), "event " + i);
        }
        JsonNode playback = replay.get("playback");
        System.out.printf("browser replay: %d events in %d chunks, %d cast, player at %d of %d ms%n", recorded.size(),
                replay.get("chunks").size(), playback.get("castCount").asInt(), playback.get("currentTime").asLong(),
                playback.get("totalTime").asLong());
        // rrweb's replayer skips events that precede the first Meta event at the same timestamp, so it may cast one
        // event fewer than were recorded.
        int castCount = playback.get("castCount").asInt();
        assertTrue(castCount >= recorded.size() - 1, "cast " + castCount + " of " + recorded.size() + " events");
        assertTrue(castCount <= recorded.size(), "cast " + castCount + " of " + recorded.size() + " events");
        assertTrue(playback.get("currentTime").asLong() >= playback.get("totalTime").asLong(),
                "player stopped at " + playback.get("currentTime") + " ms of " + playback.get("totalTime") + " ms");
    }

    /** Skips the test with the reason when Chromium or the npm packages are missing, unless browser tests are required. */
    static void requireBrowser() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("Chromium at " + CHROMIUM + " (install it with: apt-get install -y --no-install-recommends"
                    + " chromium, or set CHROMIUM_PATH)");
        }
        if (!Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"))) {
            missing.add("the npm packages (install them with: cd " + BROWSER_DIR
                    + " && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String reason = "Browser test needs " + String.join(" and ", missing);
        if ("true".equals(System.getenv("REQUIRE_BROWSER_TESTS"))) {
            fail(reason + "; REQUIRE_BROWSER_TESTS=true forbids skipping it");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    String pageUrl(String page, String session, String key) {
        String serviceBase = service.toString().replaceAll("/$", "");
        return S3ProxyProfile.pageOrigin() + "/" + page + "?service=" + encode(serviceBase) + "&project="
                + S3ProxyProfile.PROJECT + "&session=" + encode(session) + "&key=" + encode(key);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static void assertUploaded(JsonNode recording) {
        JsonNode uploads = recording.get("uploads");
        assertTrue(uploads.size() >= 3, "expected at least 3 chunks, got " + uploads);
        for (int seq = 0; seq < uploads.size(); seq++) {
            assertEquals(seq, uploads.get(seq).get("seq").asInt(), "uploads in seq order: " + uploads);
            assertEquals(201, uploads.get(seq).get("status").asInt(), "upload of chunk " + seq + ": " + uploads);
        }
    }

    static JsonPath complete(String session) {
        return given().header("Authorization", "Bearer " + S3ProxyProfile.INGEST_KEY)
                .when().post("/v1/projects/demo/sessions/{session}/complete", session)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Runs the Playwright driver in {@code mode} and returns the JSON that it wrote. */
    static JsonNode runBrowser(String mode, String pageUrl) throws IOException, InterruptedException {
        Path output = Files.createTempFile("browser-" + mode + "-", ".json");
        Path log = Path.of("target", "browser-" + mode + ".log");
        Process node = new ProcessBuilder("node", "record-and-replay.mjs", mode, pageUrl, output.toString())
                .directory(BROWSER_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toAbsolutePath().toFile())
                .start();
        try {
            if (!node.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                fail("Browser " + mode + " did not finish within " + NODE_TIMEOUT_SECONDS + " s: " + Files.readString(log));
            }
            if (node.exitValue() != 0) {
                fail("Browser " + mode + " failed with exit code " + node.exitValue() + ": " + Files.readString(log));
            }
            return JSON.readTree(output.toFile());
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
