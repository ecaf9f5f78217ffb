package io.replayingest.operations;

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

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
@TestProfile(MissingBucketReadinessTest.AbsentSpotsBucket.class)
class MissingBucketReadinessTest {

    public static class AbsentSpotsBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("s3.spots-bucket", "absent-spots");
        }
    }

    @Test
    void missingBucket_namedInReadiness() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'storage' }.data.'absent-spots'",
                        containsString("bucket does not exist"))
                .body("checks.find { it.name == 'storage' }.data.recordings", equalTo("ok"));
    }

    @Test
    void missingBucket_uploadsToOtherBucketsStillWork() {
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .body(new byte[] { 1, 2, 3 })
                .when().put("/v1/projects/demo/sessions/ready-test/chunks/0")
                .then().statusCode(201);
    }
}
