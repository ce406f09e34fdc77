package io.cupnet;

/**
 * What {@code send} does when the peer's send queue is full.
 */
public enum OverflowPolicy {

    /** Fail the send at once with {@code QUEUE_FULL}. */
    FAIL,

    /**
     * Wait up to the configured overflow wait for room, then fail with {@code QUEUE_FULL}.
     * On an I/O thread, which must never block, it fails at once.
     */
    WAIT

}
