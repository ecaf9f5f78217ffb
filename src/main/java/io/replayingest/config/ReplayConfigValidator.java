package io.replayingest.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.replayingest.auth.ProjectKeys;

/** Rejects invalid replay settings at startup with a message that names the key, the value and what is allowed. */
@ApplicationScoped
public class ReplayConfigValidator {

    /** SigV4 presigned URLs are valid for at most 7 days. */
    static final Duration MAX_URL_TTL = Duration.ofDays(7);

    void onStart(@Observes StartupEvent event, ReplayConfig replay) {
        List<String> problems = problems(replay);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** Returns one message per invalid setting; empty when all are valid. */
    public static List<String> problems(ReplayConfig replay) {
        List<String> problems = new ArrayList<>();
        Duration ttl = replay.urlTtl();
        if (ttl.toSeconds() < 1 || ttl.compareTo(MAX_URL_TTL) > 0) {
            problems.add("replay.url-ttl=" + ttl + " is invalid: allowed are 1 second to 7 days (PT168H),"
                    + " the longest lifetime of a SigV4 presigned URL");
        }
        try {
            ProjectKeys.parse("replay.keys", replay.keys());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }
}
