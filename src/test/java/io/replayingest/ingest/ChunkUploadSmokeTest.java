package io.replayingest.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.replayingest.testing.S3StoreResource;

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
class ChunkUploadSmokeTest {

    @Test
    void smallChunk_isStored() {
        given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                .body("hello".getBytes())
                .when().put("/v1/projects/demo/sessions/s1/chunks/0")
                .then().log().ifValidationFails().statusCode(201).body("bytes", equalTo(5));
    }
}
