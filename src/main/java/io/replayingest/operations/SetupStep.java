package io.replayingest.operations;

/** What the setup command did, or would do, for one step on one bucket. */
public record SetupStep(String bucket, String step, Outcome outcome, String detail) {

    /** How a step ended. */
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

    /** One line of the command's output, such as {@code [changed] recordings: CORS rule: GET, HEAD from *}. */
    public String line() {
        return "[" + outcome.label() + "] " + bucket + ": " + step + ": " + detail;
    }
}
