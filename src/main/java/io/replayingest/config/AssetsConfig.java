package io.replayingest.config;

import java.net.URI;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Keys, limit and public URL of the assets API. */
@ConfigMapping(prefix = "assets")
public interface AssetsConfig {

    /** Comma-separated keys that may upload assets, for any project; unset means every asset upload gets 401. */
    Optional<String> keys();

    /**
     * URL under which the assets bucket is served publicly, such as {@code https://assets.example.com/}; object keys
     * are appended to it. Unset: the store's public endpoint (or endpoint) with the bucket as the first path segment.
     */
    Optional<URI> publicBaseUrl();

    /** Largest asset, default 50M. */
    @WithDefault("50M")
    MemorySize maxSize();
}
