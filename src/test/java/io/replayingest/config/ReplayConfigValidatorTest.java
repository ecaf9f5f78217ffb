package io.replayingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ReplayConfigValidatorTest {

    static ReplayConfig config(String keys, Duration urlTtl) {
        return new ReplayConfig() {
            @Override
            public Optional<String> keys() {
                return Optional.ofNullable(keys);
            }

            @Override
            public Duration urlTtl() {
                return urlTtl;
            }
        };
    }

    @Test
    void problems_defaultsAndSevenDays_valid() {
        assertEquals(List.of(), ReplayConfigValidator.problems(config(null, Duration.ofMinutes(15))));
        assertEquals(List.of(), ReplayConfigValidator.problems(config("demo:k1,demo:k2", Duration.ofDays(7))));
        assertEquals(List.of(), ReplayConfigValidator.problems(config(null, Duration.ofSeconds(1))));
    }

    @Test
    void problems_ttlOverSevenDays_rejected() {
        List<String> problems = ReplayConfigValidator.problems(config(null, Duration.ofDays(7).plusSeconds(1)));

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("replay.url-ttl=PT168H1S is invalid"), problems.get(0));
        assertTrue(problems.get(0).contains("7 days"), problems.get(0));
    }

    @Test
    void problems_ttlUnderOneSecond_rejected() {
        List<String> problems = ReplayConfigValidator.problems(config(null, Duration.ofMillis(500)));

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("replay.url-ttl=PT0.5S is invalid"), problems.get(0));
    }

    @Test
    void problems_malformedKeys_namedWithoutSecret() {
        List<String> problems = ReplayConfigValidator.problems(config("bad project:secret", Duration.ofMinutes(15)));

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("replay.keys contains an invalid entry"), problems.get(0));
        assertTrue(!problems.get(0).contains("secret"), problems.get(0));
    }
}
