package io.replayingest.assets;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.replayingest.config.AssetsConfig;
import io.replayingest.config.StorageConfig;

/**
 * Public URLs of assets: {@code assets.public-base-url} followed by the key. Without that setting, the store's public
 * endpoint (or endpoint) with the bucket as the first path segment, or the bucket's AWS virtual-host URL.
 */
@ApplicationScoped
public class AssetUrls {

    private final String base;

    @Inject
    AssetUrls(AssetsConfig assets, StorageConfig storage) {
        this.base = withSlash(assets.publicBaseUrl().map(URI::toString).orElseGet(() -> storeUrl(storage)));
    }

    private static String storeUrl(StorageConfig storage) {
        return storage.publicEndpoint().or(storage::endpoint)
                .map(endpoint -> withSlash(endpoint.toString()) + storage.assetsBucket())
                .orElse("https://" + storage.assetsBucket() + ".s3." + storage.region() + ".amazonaws.com");
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    /** Returns the public URL of {@code key}, with each path segment percent-encoded. */
    public String publicUrl(String key) {
        try {
            return base + new URI(null, null, key, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Asset key cannot be written as a URL path: " + key, e);
        }
    }
}
