package io.replayingest.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.MemorySize;
import io.replayingest.config.BucketSetupConfig;
import io.replayingest.config.CleanupConfig;
import io.replayingest.config.HealthConfig;
import io.replayingest.config.IngestConfig;
import io.replayingest.config.OperationsConfigValidator;
import io.replayingest.config.ShutdownGraceConfig;

class OperationsConfigValidatorTest {

    record Settings(Duration idleTimeout, Duration grace, Duration maxAge, Duration interval, Duration cacheTtl,
            Duration abortAfter, Map<String, Integer> retentionDays) {

        static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(24),
                    Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofDays(1), Map.of("default", 30));
        }

        List<String> problems() {
            return OperationsConfigValidator.problems(ingest(), health(), cleanup(), () -> grace, setup());
        }

        private HealthConfig health() {
            return new HealthConfig() {
                public Duration cacheTtl() {
                    return cacheTtl;
                }

                public boolean startupCheck() {
                    return true;
                }
            };
        }

        private CleanupConfig cleanup() {
            return new CleanupConfig() {
                public boolean enabled() {
                    return true;
                }

                public Duration interval() {
                    return interval;
                }

                public Duration maxAge() {
                    return maxAge;
                }
            };
        }

        private BucketSetupConfig setup() {
            return new BucketSetupConfig() {
                public List<String> corsOrigins() {
                    return List.of("*");
                }

                public Duration abortIncompleteAfter() {
                    return abortAfter;
                }

                public Map<String, Integer> retentionDays() {
                    return retentionDays;
                }
            };
        }

        private IngestConfig ingest() {
            return new IngestConfig() {
                public Optional<String> keys() {
                    return Optional.empty();
                }

                public boolean auth() {
                    return false;
                }

                public MemorySize partSize() {
                    return new MemorySize(BigInteger.valueOf(8L << 20));
                }

                public int maxPartsInFlight() {
                    return 2;
                }

                public MemorySize maxBufferedBytes() {
                    return new MemorySize(BigInteger.valueOf(256L << 20));
                }

                public Duration bufferWait() {
                    return Duration.ofSeconds(2);
                }

                public MemorySize maxChunkSize() {
                    return new MemorySize(BigInteger.valueOf(1L << 30));
                }

                public Duration idleTimeout() {
                    return idleTimeout;
                }

                public String defaultRetention() {
                    return "default";
                }

                public Map<String, String> retention() {
                    return Map.of();
                }
            };
        }
    }

    @Test
    void defaults_valid() {
        assertEquals(List.of(), Settings.defaults().problems());
    }

    @Test
    void shortMaxAge_rejected() {
        Settings settings = Settings.defaults();
        Settings tooShort = new Settings(settings.idleTimeout(), settings.grace(), Duration.ofSeconds(60),
                settings.interval(), settings.cacheTtl(), settings.abortAfter(), settings.retentionDays());

        List<String> problems = tooShort.problems();

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("cleanup.max-age=PT1M is too short"), problems.get(0));
        assertTrue(problems.get(0).contains("ingest.idle-timeout + shutdown.grace = PT1M"), problems.get(0));
    }

    @Test
    void abortIncompleteUnderOneDay_rejected() {
        Settings settings = Settings.defaults();
        Settings hours = new Settings(settings.idleTimeout(), settings.grace(), settings.maxAge(),
                settings.interval(), settings.cacheTtl(), Duration.ofHours(12), settings.retentionDays());

        List<String> problems = hours.problems();

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("storage.abort-incomplete-after=PT12H is too short"), problems.get(0));
    }

    @Test
    void retentionDaysBelowOne_rejected() {
        Settings settings = Settings.defaults();
        Settings zero = new Settings(settings.idleTimeout(), settings.grace(), settings.maxAge(),
                settings.interval(), settings.cacheTtl(), settings.abortAfter(), Map.of("short", 0));

        List<String> problems = zero.problems();

        assertEquals(List.of("storage.retention-days.short=0 is invalid: use a whole number of days from 1"),
                problems);
    }

    @Test
    void zeroIntervalAndNegativeDurations_rejected() {
        Settings settings = Settings.defaults();
        Settings broken = new Settings(settings.idleTimeout(), Duration.ofSeconds(-1), settings.maxAge(),
                Duration.ZERO, Duration.ofSeconds(-5), settings.abortAfter(), settings.retentionDays());

        List<String> problems = broken.problems();

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("health.cache-ttl=PT-5S is invalid"), problems.get(0));
        assertTrue(problems.get(1).startsWith("shutdown.grace=PT-1S is invalid"), problems.get(1));
        assertTrue(problems.get(2).startsWith("cleanup.interval=PT0S is invalid"), problems.get(2));
    }
}
