package io.replayingest.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.TestS3Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
@TestProfile(ScheduledSweepTest.FrequentSweep.class)
class ScheduledSweepTest {

    /** Sweeps every second for uploads older than 3 seconds, which the short idle timeout and grace allow. */
    public static class FrequentSweep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cleanup.interval", "1s", "cleanup.max-age", "3s", "ingest.idle-timeout", "1s",
                    "shutdown.grace", "1s");
        }
    }

    static S3Client s3;

    @BeforeAll
    static void createClient() {
        s3 = TestS3Client.create();
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    static String startUpload(String key) {
        return s3.createMultipartUpload(b -> b.bucket("recordings").key(key)).uploadId();
    }

    static List<MultipartUpload> pending(String prefix) {
        return s3.listMultipartUploads(b -> b.bucket("recordings").prefix(prefix)).uploads();
    }

    @Test
    void scheduledSweep_abortsStaleUpload() throws InterruptedException {
        String prefix = "sweep-" + UUID.randomUUID() + "/";
        String staleId = startUpload(prefix + "stale");

        // The sweep runs every second and aborts the upload once it is older than 3 seconds.
        Instant deadline = Instant.now().plusSeconds(60);
        while (!pending(prefix).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }

        assertEquals(List.of(), pending(prefix).stream().map(MultipartUpload::uploadId).toList(),
                "upload " + staleId + " was not swept");
    }
}
