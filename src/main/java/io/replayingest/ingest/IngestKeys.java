package io.replayingest.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.replayingest.auth.KeyAuthenticator;
import io.replayingest.auth.ProjectKeys;
import io.replayingest.config.IngestConfig;

/** The ingest keys from {@code ingest.keys}; an empty set is rejected at startup unless {@code ingest.auth=false}. */
@ApplicationScoped
public class IngestKeys {

    private final ProjectKeys keys;
    private final boolean enabled;

    @Inject
    IngestKeys(IngestConfig config) {
        this.keys = ProjectKeys.parse("ingest.keys", config.keys());
        this.enabled = config.auth();
    }

    public ProjectKeys keys() {
        return keys;
    }

    public boolean enabled() {
        return enabled;
    }

    public KeyAuthenticator authenticator() {
        return new KeyAuthenticator(keys, enabled, "ingest");
    }
}
