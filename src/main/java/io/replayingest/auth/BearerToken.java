package io.replayingest.auth;

/** Reads the token of an {@code Authorization: Bearer <token>} header. */
public final class BearerToken {

    private static final String SCHEME = "bearer ";

    private BearerToken() {
    }

    /** Returns the token, or null when the header is absent or uses another scheme. */
    public static String from(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() <= SCHEME.length()
                || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        return authorizationHeader.substring(SCHEME.length()).trim();
    }
}
