package io.replayingest.storage;

/**
 * One lifecycle rule of a bucket, limited to what the setup command writes and compares.
 *
 * @param tagKey with {@link #tagValue()}, the tag that objects need for the rule to apply; null for every object
 * @param expirationDays days after creation when matching objects expire, or null
 * @param abortIncompleteDays days after initiation when incomplete multipart uploads are aborted, or null
 * @param enabled whether the rule is active
 */
public record LifecycleRule(String id, String tagKey, String tagValue, Integer expirationDays,
        Integer abortIncompleteDays, boolean enabled) {
}
