package io.replayingest.auth;

/** Outcome of checking a bearer key against a project's keys. */
public enum KeyCheck {
    VALID,
    /** No key was presented. */
    MISSING,
    /** The key belongs to no project. */
    WRONG,
    /** The key is valid, but for another project. */
    OTHER_PROJECT
}
