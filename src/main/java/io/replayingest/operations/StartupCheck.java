package io.replayingest.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.replayingest.config.HealthConfig;

/**
 * Runs the storage check once at startup without waiting for it, so that a store that is down delays nothing: the
 * check logs its summary when it ends.
 */
@ApplicationScoped
public class StartupCheck {

    void onStart(@Observes StartupEvent event, StorageCheck check, HealthConfig health) {
        if (health.startupCheck()) {
            check.refresh();
        }
    }
}
