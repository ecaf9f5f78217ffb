package io.replayingest.operations;

/** Outcome of one setup step on one bucket, done or (with --dry-run) planned. */
public record SetupStep(String bucket, String step, Outcome outcome, String detail) {

    /** Result of a step. */
    public enum Outcome {
        CHANGED("changed"),
        WOULD_CHANGE("would change"),
        ALREADY_RIGHT("already right"),
        UNSUPPORTED("unsupported"),
        FAILED("failed");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Returns one line of the command's output, such as {@code [changed] recordings: CORS rule: GET, HEAD from *}. */
    public String line() {
        return "[" + outcome.label() + "] " + bucket + ": " + step + ": " + detail;
    }
}
