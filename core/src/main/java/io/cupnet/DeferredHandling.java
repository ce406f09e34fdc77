package io.cupnet;

/**
 * The end of a message's handling that its handler left to another thread, taken with
 * {@link Acknowledgment#defer()}; settled once, by whichever of its methods is called first.
 */
public interface DeferredHandling {

    /**
     * The message was handled: a need-ack frame is acknowledged as after a handler that returned
     * ({@code AFTER_SUCCESS}), unless it was rejected; in the other ack modes nothing is sent.
     * Safe from any thread.
     */
    void succeeded();

    /**
     * The message was not handled: a need-ack frame not acknowledged yet is given up unacked, as
     * after a handler that threw, so that its sender's next copy is handled again. Safe from any thread.
     */
    void failed();

}
