package io.replayingest.operations;

import java.util.List;

/**
 * Result of the storage check for one bucket.
 *
 * @param missingPermissions IAM actions that the store denied, such as {@code s3:PutObject}
 * @param problems other failures, each naming the S3 operation, for example a missing bucket
 */
public record BucketStatus(String bucket, List<String> missingPermissions, List<String> problems) {

    public boolean ok() {
        return missingPermissions.isEmpty() && problems.isEmpty();
    }

    /** Returns one line for the health JSON and the log: {@code ok}, or what is missing and what failed. */
    public String describe() {
        if (ok()) {
            return "ok";
        }
        StringBuilder text = new StringBuilder();
        if (!missingPermissions.isEmpty()) {
            text.append("missing permission ").append(String.join(", ", missingPermissions));
        }
        if (!problems.isEmpty()) {
            text.append(text.isEmpty() ? "" : "; ").append(String.join("; ", problems));
        }
        return text.toString();
    }
}
