package io.replayingest.assets;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;

/**
 * The Content-Types accepted for public assets: stylesheets, fonts and raster images. HTML, scripts and SVG (which
 * can carry scripts) are left out, because the assets bucket is served publicly and such a file would run in the
 * bucket's origin when opened directly.
 */
final class AssetTypes {

    static final Set<String> ALLOWED = Set.of(
            "text/css",
            "font/woff", "font/woff2", "font/ttf", "font/otf", "font/collection",
            "application/font-woff", "application/font-woff2", "application/vnd.ms-fontobject",
            "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp",
            "image/x-icon", "image/vnd.microsoft.icon");

    private AssetTypes() {
    }

    /**
     * Returns the Content-Type as sent when its media type is allowed; parameters such as {@code charset} are kept.
     *
     * @throws ApiException 415 for a missing or other type
     */
    static String require(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!ALLOWED.contains(mediaType)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type '" + contentType
                    + "' is not accepted for assets: send a stylesheet (text/css), a font (font/woff2, font/woff,"
                    + " font/ttf, font/otf) or a raster image (image/png, image/jpeg, image/gif, image/webp,"
                    + " image/avif, image/x-icon)", Map.of("header", "Content-Type", "value",
                            String.valueOf(contentType)));
        }
        return contentType;
    }
}
