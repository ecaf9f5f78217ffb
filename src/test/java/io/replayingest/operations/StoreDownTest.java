package io.replayingest.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Starts the service with a store endpoint where nothing listens: it must start, and report not ready. */
@QuarkusTest
@TestProfile(StoreDownTest.NoStore.class)
class StoreDownTest {

    public static class NoStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "s3.endpoint", "http://127.0.0.1:" + closedPort(),
                    "s3.path-style", "true",
                    "s3.access-key", "test-access-key",
                    "s3.secret-key", "test-secret-key",
                    "ingest.keys", "demo:down-test-key");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        /** Returns a loopback port that was free a moment ago and has no listener now. */
        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void storeDown_liveButNotReady() {
        given().when().get("/q/health/live").then().statusCode(200);

        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'storage' }.data.recordings", containsString("store unavailable"));
    }
}
