package io.replayingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bearer keys per project, parsed from {@code projectId:key} pairs. Keys are kept only as SHA-256 digests and every
 * check compares against all of them, so the time taken does not depend on which key or how much of it matched.
 */
public final class ProjectKeys {

    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final List<Entry> entries;

    private ProjectKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses comma-separated {@code projectId:key} pairs.
     *
     * @param configKey the configuration key, named in error messages
     * @throws IllegalArgumentException naming the key and the invalid pair (with the secret part hidden)
     */
    public static ProjectKeys parse(String configKey, Optional<String> value) {
        List<Entry> entries = new ArrayList<>();
        for (String pair : value.orElse("").split(",")) {
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            entries.add(parsePair(configKey, trimmed));
        }
        return new ProjectKeys(entries);
    }

    private static Entry parsePair(String configKey, String pair) {
        int colon = pair.indexOf(':');
        String projectId = colon < 0 ? pair : pair.substring(0, colon);
        String key = colon < 0 ? "" : pair.substring(colon + 1);
        if (!PROJECT_ID.matcher(projectId).matches() || key.isEmpty()) {
            throw new IllegalArgumentException(configKey + " contains an invalid entry '" + projectId
                    + (colon < 0 ? "" : ":***") + "'; expected comma-separated projectId:key pairs, where projectId is"
                    + " 1 to 128 characters of A-Z a-z 0-9 _ - and the key is not empty");
        }
        return new Entry(projectId, digest(key));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Checks a presented key against the keys of {@code projectId}. */
    public KeyCheck check(String projectId, String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return KeyCheck.MISSING;
        }
        byte[] presented = digest(presentedKey);
        boolean ownProject = false;
        boolean otherProject = false;
        for (Entry entry : entries) {
            boolean equal = MessageDigest.isEqual(entry.keyDigest(), presented);
            boolean sameProject = entry.projectId().equals(projectId);
            ownProject |= equal && sameProject;
            otherProject |= equal && !sameProject;
        }
        if (ownProject) {
            return KeyCheck.VALID;
        }
        return otherProject ? KeyCheck.OTHER_PROJECT : KeyCheck.WRONG;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private record Entry(String projectId, byte[] keyDigest) {
    }
}
