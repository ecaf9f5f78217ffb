package io.replayingest.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.replayingest.testing.PrometheusText;
import io.replayingest.testing.S3ProxyProfile;
import io.replayingest.testing.S3ProxyServer;

/** Runs the service against S3Proxy, which checks signatures, with a wrong secret key, so that every call gets 403. */
@QuarkusTest
@TestProfile(StoreAccessDeniedTest.WrongSecret.class)
class StoreAccessDeniedTest {

    public static class WrongSecret implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Resource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of(
                    "s3.endpoint", S3ProxyProfile.server().endpoint().toString(),
                    "s3.path-style", "true",
                    "s3.tagging", "false",
                    "s3.access-key", S3ProxyServer.ACCESS_KEY,
                    "s3.secret-key", "not-the-" + S3ProxyServer.SECRET_KEY,
                    "ingest.keys", "demo:denied-test-key");
        }

        @Override
        public void stop() {
            // The server is shared with the other S3Proxy tests and stops with the JVM.
        }
    }

    @Test
    void deniedUpload_failsWithStoreErrorAndReadiness() {
        PrometheusText before = PrometheusText.scrape();

        given().header("Authorization", "Bearer denied-test-key").body(new byte[] { 1, 2, 3 })
                .when().put("/v1/projects/demo/sessions/denied/chunks/0")
                .then().statusCode(502)
                .body("error", equalTo("STORE_ERROR"))
                .body("message", containsString("rejected the service's credentials"));
        PrometheusText after = PrometheusText.scrape();

        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'storage' }.data.denied",
                        containsString("PutObject on bucket recordings"))
                .body("checks.find { it.name == 'storage' }.data.recordings",
                        containsString("missing permission s3:ListBucket"));
        assertEquals(1, after.sum("replay_ingest_store_requests_seconds_count", "operation", "PutObject",
                "outcome", "access_denied") - before.sum("replay_ingest_store_requests_seconds_count",
                        "operation", "PutObject", "outcome", "access_denied"));
        assertEquals(1, after.sum("replay_ingest_uploads_aborted_total", "reason", "store_access_denied")
                - before.sum("replay_ingest_uploads_aborted_total", "reason", "store_access_denied"));
    }
}
