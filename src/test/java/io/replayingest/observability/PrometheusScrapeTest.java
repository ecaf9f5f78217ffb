package io.replayingest.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.replayingest.testing.PrometheusServer;
import io.replayingest.testing.PrometheusText;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.TestBodies;

/**
 * A real Prometheus server scrapes the service every second while chunks are uploaded, and the counters and the
 * histogram must move by the expected amounts in Prometheus' query API. The test is skipped when the
 * {@code prometheus} binary is missing, unless {@code REQUIRE_PROMETHEUS_TESTS=true} makes that a failure.
 */
@QuarkusTest
@QuarkusTestResource(S3StoreResource.class)
class PrometheusScrapeTest {

    static final String STARTED = "replay_ingest_uploads_started_total{kind=\"recording\"}";
    static final String COMPLETED = "replay_ingest_uploads_completed_total{kind=\"recording\"}";
    static final String BYTES = "replay_ingest_received_bytes_total{kind=\"recording\"}";
    static final String DURATION_COUNT = "replay_ingest_upload_duration_seconds_count{outcome=\"completed\"}";
    static final String SMALL_SIZE_BUCKET = "replay_ingest_upload_size_bytes_bucket{outcome=\"completed\",le=\"1024.0\"}";
    static final String PUT_OBJECT_COUNT =
            "replay_ingest_store_requests_seconds_count{operation=\"PutObject\",outcome=\"success\"}";

    static PrometheusServer prometheus;

    @TestHTTPResource("/")
    URI service;

    @BeforeAll
    static void requireBinary() {
        Optional<Path> binary = PrometheusServer.binary();
        if (binary.isEmpty()) {
            String reason = "the prometheus binary is not on the PATH (Debian package: prometheus)";
            if ("true".equals(System.getenv("REQUIRE_PROMETHEUS_TESTS"))) {
                fail(reason + ", and REQUIRE_PROMETHEUS_TESTS=true");
            }
            System.out.println("Skipping the Prometheus test: " + reason);
            Assumptions.abort(reason);
        }
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void prometheus_seesCountersAndHistogramMove() throws Exception {
        prometheus = PrometheusServer.start(PrometheusServer.binary().orElseThrow(), "replay-ingest",
                service.getHost() + ":" + service.getPort(),
                Path.of("target", "prometheus", UUID.randomUUID().toString()));
        String[] series = { STARTED, COMPLETED, BYTES, DURATION_COUNT, SMALL_SIZE_BUCKET, PUT_OBJECT_COUNT };
        double[] before = new double[series.length];
        for (int i = 0; i < series.length; i++) {
            before[i] = awaitScraped(series[i]);
        }
        String session = "prom-" + UUID.randomUUID();

        for (int seq = 0; seq < 3; seq++) {
            given().header("Authorization", "Bearer " + S3StoreResource.KEY)
                    .body(TestBodies.bytes(1000, seq))
                    .when().put("/v1/projects/demo/sessions/{session}/chunks/{seq}", session, seq)
                    .then().statusCode(201);
        }
        double[] after = new double[series.length];
        for (int i = 0; i < series.length; i++) {
            after[i] = awaitScraped(series[i]);
        }

        assertEquals(3, after[0] - before[0], STARTED);
        assertEquals(3, after[1] - before[1], COMPLETED);
        assertEquals(3000, after[2] - before[2], BYTES);
        assertEquals(3, after[3] - before[3], DURATION_COUNT);
        assertEquals(3, after[4] - before[4], SMALL_SIZE_BUCKET);
        assertEquals(3, after[5] - before[5], PUT_OBJECT_COUNT);
        OptionalDouble p99 = prometheus.query("histogram_quantile(0.99, sum by (le) "
                + "(replay_ingest_upload_duration_seconds_bucket{outcome=\"completed\"}))");
        assertTrue(p99.isPresent(), "no p99 from the duration histogram");
        assertTrue(p99.getAsDouble() > 0, "p99 " + p99);
        assertTrue(p99.getAsDouble() <= 300, "p99 above the largest bucket: " + p99);
    }

    /**
     * Waits until Prometheus returns the value that the service reports now, so that the scrape has caught up with
     * every upload before it, and returns it. A series that the service has not created yet counts as 0.
     */
    double awaitScraped(String series) throws IOException, InterruptedException {
        String name = series.substring(0, series.indexOf('{'));
        String[] labels = series.substring(series.indexOf('{') + 1, series.length() - 1).replace("\"", "")
                .split("[=,]");
        double expected = PrometheusText.scrape().sum(name, labels);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        OptionalDouble seen = OptionalDouble.empty();
        while (Instant.now().isBefore(deadline)) {
            seen = prometheus.query(series);
            if (seen.orElse(0) == expected && (seen.isPresent() || expected == 0)) {
                return expected;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Prometheus did not report " + series + " = " + expected + " within 60 s; last "
                + seen);
    }
}
