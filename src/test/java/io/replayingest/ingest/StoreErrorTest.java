package io.replayingest.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.TestBodies;

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
@TestProfile(StoreErrorTest.MissingBucket.class)
class StoreErrorTest {

    /** Points the recordings bucket at one that does not exist on the store. */
    public static class MissingBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("s3.recordings-bucket", "no-such-bucket");
        }
    }

    @Test
    void singlePutFailure_becomes502() {
        given().header("Authorization", "Bearer " + S3StoreResource.KEY).body(new byte[] { 1 })
                .when().put("/v1/projects/demo/sessions/s/chunks/0")
                .then().statusCode(502)
                .body("error", equalTo("STORE_ERROR"))
                .body("message", containsString("NoSuchBucket"));
    }

    @Test
    void multipartFailure_becomes502() {
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .body(TestBodies.bytes((int) S3StoreResource.PART_SIZE + 1, 1))
                .when().put("/v1/projects/demo/sessions/s/chunks/1")
                .then().statusCode(502)
                .body("error", equalTo("STORE_ERROR"))
                .body("message", containsString("NoSuchBucket"));
    }
}
