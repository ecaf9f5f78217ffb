package io.replayingest.operations;

import java.io.PrintStream;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.replayingest.operations.SetupStep.Outcome;

/**
 * {@code setup [--dry-run]}: prepares the buckets and prints one line per step. Exits with 0 when nothing failed
 * (unsupported calls do not count as failures), 1 when a step failed, and 2 for an unknown option.
 */
@ApplicationScoped
public class SetupCommand {

    static final String DRY_RUN = "--dry-run";

    private final BucketSetup setup;

    @Inject
    SetupCommand(BucketSetup setup) {
        this.setup = setup;
    }

    public int run(List<String> options, PrintStream out, PrintStream err) {
        for (String option : options) {
            if (!DRY_RUN.equals(option)) {
                err.println("Unknown option '" + option + "' for setup: the only option is " + DRY_RUN);
                return 2;
            }
        }
        boolean dryRun = options.contains(DRY_RUN);
        out.println(dryRun ? "Checking the buckets; --dry-run changes nothing." : "Setting up the buckets.");
        List<SetupStep> steps = setup.run(dryRun, step -> out.println(step.line()));
        out.println("Setup " + (dryRun ? "check " : "") + "finished: " + count(steps, Outcome.CHANGED) + " changed, "
                + count(steps, Outcome.WOULD_CHANGE) + " to change, " + count(steps, Outcome.ALREADY_RIGHT)
                + " already right, " + count(steps, Outcome.UNSUPPORTED) + " unsupported, "
                + count(steps, Outcome.FAILED) + " failed.");
        return count(steps, Outcome.FAILED) > 0 ? 1 : 0;
    }

    private static long count(List<SetupStep> steps, Outcome outcome) {
        return steps.stream().filter(step -> step.outcome() == outcome).count();
    }
}
