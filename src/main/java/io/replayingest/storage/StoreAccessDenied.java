package io.replayingest.storage;

/**
 * CDI event: the store returned 401 or 403 to a request that the service needed, so its credentials or bucket
 * policy no longer allow what the service does.
 */
public record StoreAccessDenied(String operation, String bucket) {
}
