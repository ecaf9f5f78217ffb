package io.replayingest.assets;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.replayingest.auth.KeyAuthenticator;
import io.replayingest.auth.ProjectKeys;
import io.replayingest.config.AssetsConfig;

/**
 * The keys from {@code assets.keys} that may upload assets. Assets belong to no project, so the keys are kept as the
 * keys of one internal project, which gives them the same constant-time check as project keys.
 */
@ApplicationScoped
public class AssetKeys {

    private static final String SCOPE = "assets";

    private final KeyAuthenticator authenticator;

    @Inject
    AssetKeys(AssetsConfig config) {
        Optional<String> pairs = config.keys().map(keys -> Arrays.stream(keys.split(","))
                .map(String::trim)
                .filter(key -> !key.isEmpty())
                .map(key -> SCOPE + ":" + key)
                .collect(Collectors.joining(",")));
        this.authenticator = new KeyAuthenticator(ProjectKeys.parse("assets.keys", pairs), true, "asset");
    }

    /** Checks a bearer header: 401 for a missing or unknown key. */
    public void require(String authorizationHeader) {
        authenticator.require(SCOPE, authorizationHeader);
    }
}
