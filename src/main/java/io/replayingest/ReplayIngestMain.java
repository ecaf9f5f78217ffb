package io.replayingest;

import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.replayingest.operations.SetupCommand;

/**
 * Entry point of the artifact: without arguments it runs the server; {@code setup [--dry-run]} prepares the buckets
 * and exits.
 */
@QuarkusMain
public class ReplayIngestMain {

    static final String SETUP = "setup";

    public static void main(String... args) {
        if (args.length > 0 && SETUP.equals(args[0])) {
            // The command talks to the store only: no HTTP listener, no scheduled sweep, no startup check.
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.scheduler.enabled", "false");
            System.setProperty("health.startup-check", "false");
        }
        Quarkus.run(Application.class, args);
    }

    /** Dispatches on the first argument. */
    public static class Application implements QuarkusApplication {

        @Inject
        SetupCommand setup;

        @Override
        public int run(String... args) {
            if (args.length == 0) {
                Quarkus.waitForExit();
                return 0;
            }
            if (SETUP.equals(args[0])) {
                return setup.run(List.of(args).subList(1, args.length), System.out, System.err);
            }
            System.err.println("Unknown command '" + args[0] + "': run without arguments to start the server, or"
                    + " with 'setup [--dry-run]' to prepare the buckets. Arguments: " + Arrays.toString(args));
            return 2;
        }
    }
}
