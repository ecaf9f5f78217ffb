package io.replayingest.replay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.replayingest.auth.KeyAuthenticator;
import io.replayingest.auth.ProjectKeys;
import io.replayingest.config.ReplayConfig;

/**
 * The replay keys from {@code replay.keys}, separate from the ingest keys so that a tracker's key never opens a
 * replay. With no keys configured, every replay request gets 401.
 */
@ApplicationScoped
public class ReplayKeys {

    private final KeyAuthenticator authenticator;

    @Inject
    ReplayKeys(ReplayConfig config) {
        this.authenticator = new KeyAuthenticator(ProjectKeys.parse("replay.keys", config.keys()), true, "replay");
    }

    /** Checks a bearer header, as {@link KeyAuthenticator#require} does. */
    public void require(String projectId, String authorizationHeader) {
        authenticator.require(projectId, authorizationHeader);
    }
}
