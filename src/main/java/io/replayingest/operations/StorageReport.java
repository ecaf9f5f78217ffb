package io.replayingest.operations;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Outcome of one storage check over all buckets.
 *
 * @param deniedOperation when not null, an upload was denied by the store after the check, which fails the report
 *            until a new check passes
 */
public record StorageReport(List<BucketStatus> buckets, Instant checkedAt, String deniedOperation) {

    public boolean ok() {
        return deniedOperation == null && buckets.stream().allMatch(BucketStatus::ok);
    }

    /** Returns the same report, failed because the store denied {@code operation} during an upload. */
    StorageReport withDenied(String operation, String bucket) {
        return new StorageReport(buckets, checkedAt, operation + " on bucket " + bucket);
    }

    /** Returns one line naming each failing bucket and what it lacks, or that all buckets passed. */
    public String summary() {
        if (ok()) {
            return "buckets ok: " + buckets.stream().map(BucketStatus::bucket).collect(Collectors.joining(","));
        }
        StringBuilder text = new StringBuilder();
        if (deniedOperation != null) {
            text.append("the store denied ").append(deniedOperation).append(" during an upload");
        }
        buckets.stream().filter(status -> !status.ok()).forEach(status -> text.append(text.isEmpty() ? "" : "; ")
                .append("bucket=").append(status.bucket()).append(' ').append(status.describe()));
        return text.toString();
    }
}
