package io.replayingest.storage;

import java.util.List;

/** One CORS rule of a bucket: which origins may send which methods and headers. */
public record CorsRule(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
        List<String> exposeHeaders, int maxAgeSeconds) {
}
