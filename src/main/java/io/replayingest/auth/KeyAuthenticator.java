package io.replayingest.auth;

import java.util.Map;

import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;

/** Checks {@code Authorization: Bearer} headers against one set of project keys. */
public final class KeyAuthenticator {

    private final ProjectKeys keys;
    private final boolean enabled;
    private final String purpose;

    /** @param purpose what the keys open, such as "ingest", used in error messages */
    public KeyAuthenticator(ProjectKeys keys, boolean enabled, String purpose) {
        this.keys = keys;
        this.enabled = enabled;
        this.purpose = purpose;
    }

    /**
     * Returns normally when the header carries a valid key of {@code projectId}.
     *
     * @throws ApiException 401 for a missing or unknown key, 403 for a key of another project
     */
    public void require(String projectId, String authorizationHeader) {
        if (!enabled) {
            return;
        }
        switch (keys.check(projectId, BearerToken.from(authorizationHeader))) {
            case VALID -> {
            }
            case MISSING -> throw new ApiException(ErrorCode.MISSING_KEY,
                    "Missing " + purpose + " key: send Authorization: Bearer <key>");
            case WRONG -> throw new ApiException(ErrorCode.INVALID_KEY, "Invalid " + purpose + " key");
            case OTHER_PROJECT -> throw new ApiException(ErrorCode.FORBIDDEN,
                    "The " + purpose + " key does not belong to project '" + projectId + "'",
                    Map.of("projectId", projectId));
        }
    }
}
