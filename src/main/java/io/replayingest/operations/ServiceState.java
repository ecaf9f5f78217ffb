package io.replayingest.operations;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether the service is ready for traffic and accepts new uploads; both end when shutdown begins. */
@ApplicationScoped
public class ServiceState {

    private volatile boolean ready = true;
    private volatile boolean acceptingUploads = true;

    public boolean ready() {
        return ready;
    }

    public boolean acceptingUploads() {
        return acceptingUploads;
    }

    /** Reports not ready and rejects new uploads with 503. */
    void stopAcceptingUploads() {
        ready = false;
        acceptingUploads = false;
    }
}
