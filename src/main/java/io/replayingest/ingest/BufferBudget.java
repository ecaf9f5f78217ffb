package io.replayingest.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.replayingest.config.IngestConfig;

/**
 * The global budget of body bytes that all uploads together may hold in memory ({@code ingest.max-buffered-bytes}).
 * Requests are granted in arrival order, so a large request is not starved by a stream of small ones.
 */
@ApplicationScoped
public class BufferBudget {

    private final long capacityBytes;
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private long usedBytes;

    @Inject
    BufferBudget(IngestConfig config) {
        this(config.maxBufferedBytes().asLongValue());
    }

    BufferBudget(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** Takes {@code bytes} at once if they are free and no request waits ahead; returns whether it did. */
    public synchronized boolean tryAcquire(long bytes) {
        if (!waiters.isEmpty() || usedBytes + bytes > capacityBytes) {
            return false;
        }
        usedBytes += bytes;
        return true;
    }

    /** Returns a future that completes once {@code bytes} are granted; {@link #withdraw} gives up the place in line. */
    public CompletableFuture<Void> acquire(long bytes) {
        if (bytes > capacityBytes) {
            throw new IllegalArgumentException("Request of " + bytes + " bytes exceeds the budget of " + capacityBytes);
        }
        CompletableFuture<Void> grant = new CompletableFuture<>();
        synchronized (this) {
            if (waiters.isEmpty() && usedBytes + bytes <= capacityBytes) {
                usedBytes += bytes;
                return CompletableFuture.completedFuture(null);
            }
            waiters.addLast(new Waiter(bytes, grant));
        }
        return grant;
    }

    /**
     * Removes a waiting request from the line. Returns false when it was already granted, in which case the caller
     * owns the bytes and must release them.
     */
    public boolean withdraw(CompletableFuture<Void> grant) {
        List<CompletableFuture<Void>> granted;
        synchronized (this) {
            boolean removed = waiters.removeIf(waiter -> waiter.grant() == grant);
            if (!removed) {
                return false;
            }
            granted = grantWaiters();
        }
        granted.forEach(next -> next.complete(null));
        return true;
    }

    /** Returns {@code bytes} to the budget and grants waiting requests that now fit. */
    public void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        List<CompletableFuture<Void>> granted;
        synchronized (this) {
            usedBytes -= bytes;
            granted = grantWaiters();
        }
        granted.forEach(grant -> grant.complete(null));
    }

    private List<CompletableFuture<Void>> grantWaiters() {
        List<CompletableFuture<Void>> granted = new ArrayList<>();
        while (!waiters.isEmpty() && usedBytes + waiters.peekFirst().bytes() <= capacityBytes) {
            Waiter waiter = waiters.removeFirst();
            usedBytes += waiter.bytes();
            granted.add(waiter.grant());
        }
        return granted;
    }

    public synchronized long usedBytes() {
        return usedBytes;
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    /** Number of requests waiting for buffer space. */
    public synchronized int waiting() {
        return waiters.size();
    }

    private record Waiter(long bytes, CompletableFuture<Void> grant) {
    }
}
