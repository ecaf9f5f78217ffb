package io.replayingest.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.replayingest.testing.PrometheusText;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.TestS3Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
class StaleUploadSweepTest {

    static S3Client s3;

    @Inject
    StaleUploadSweep sweep;

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
    void sweep_abortsOnlyBeforeCutoff() throws InterruptedException {
        String prefix = "sweep-" + UUID.randomUUID() + "/";
        String staleId = startUpload(prefix + "stale");
        // S3 reports initiation times in whole seconds on some stores, so the two uploads are a second apart.
        Thread.sleep(1100);
        String youngId = startUpload(prefix + "young");
        Map<String, Instant> initiated = new java.util.HashMap<>();
        pending(prefix).forEach(upload -> initiated.put(upload.uploadId(), upload.initiated()));
        Instant stale = initiated.get(staleId);
        Instant young = initiated.get(youngId);
        assertTrue(stale.isBefore(young), "stale " + stale + " should precede young " + young);
        Instant cutoff = stale.plus(Duration.between(stale, young).dividedBy(2));
        PrometheusText before = PrometheusText.scrape();

        int aborted = sweep.sweep(cutoff).join();

        List<String> left = pending(prefix).stream().map(MultipartUpload::uploadId).toList();
        assertFalse(left.contains(staleId), "stale upload still listed");
        assertTrue(left.contains(youngId), "young upload was aborted");
        assertTrue(aborted >= 1, "aborted count " + aborted);
        double counted = PrometheusText.scrape().sum("replay_ingest_stale_uploads_total", "outcome", "aborted")
                - before.sum("replay_ingest_stale_uploads_total", "outcome", "aborted");
        assertEquals(aborted, counted);
        s3.abortMultipartUpload(b -> b.bucket("recordings").key(prefix + "young").uploadId(youngId));
    }
}
