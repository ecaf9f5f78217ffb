package io.replayingest.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.replayingest.storage.StoreAccessDenied;
import io.replayingest.testing.S3MockServer;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.TestS3Client;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
class StorageReadinessTest {

    static S3Client s3;

    @Inject
    StorageCheck check;

    @Inject
    Event<StoreAccessDenied> accessDenied;

    @BeforeAll
    static void createClient() {
        s3 = TestS3Client.create();
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void liveness_up() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readiness_upWithEveryBucketOk() {
        check.refresh().join();

        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'storage' }.data.recordings", equalTo("ok"))
                .body("checks.find { it.name == 'storage' }.data.assets", equalTo("ok"))
                .body("checks.find { it.name == 'storage' }.data.sourcemaps", equalTo("ok"))
                .body("checks.find { it.name == 'storage' }.data.spots", equalTo("ok"));
    }

    @Test
    void probeObjects_deletedAfterCheck() {
        check.refresh().join();

        for (String bucket : S3MockServer.BUCKETS) {
            List<?> probes = s3.listObjectsV2(b -> b.bucket(bucket).prefix(StorageCheck.PROBE_PREFIX)).contents();
            assertEquals(List.of(), probes, "probe objects left in " + bucket);
        }
    }

    @Test
    void accessDenied_failsReadinessUntilCheck() {
        check.refresh().join();

        accessDenied.fire(new StoreAccessDenied("UploadPart", "recordings"));
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'storage' }.data.denied",
                        containsString("UploadPart on bucket recordings"));
        check.refresh().join();

        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
