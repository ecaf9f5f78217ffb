package io.replayingest.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness: down while the service shuts down, and while the storage check fails. The JSON data names each bucket
 * with {@code ok} or what it lacks.
 */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements AsyncHealthCheck {

    private final StorageCheck check;
    private final ServiceState state;

    @Inject
    StorageReadinessCheck(StorageCheck check, ServiceState state) {
        this.check = check;
        this.state = state;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!state.ready()) {
            return Uni.createFrom().item(HealthCheckResponse.named("storage").down()
                    .withData("reason", "shutting down").build());
        }
        return Uni.createFrom().completionStage(check.report()).map(StorageReadinessCheck::response);
    }

    private static HealthCheckResponse response(StorageReport report) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("storage").status(report.ok());
        if (report.deniedOperation() != null) {
            builder.withData("denied", "the store denied " + report.deniedOperation() + " during an upload");
        }
        report.buckets().forEach(bucket -> builder.withData(bucket.bucket(), bucket.describe()));
        return builder.withData("checkedAt", report.checkedAt().toString()).build();
    }
}
