package io.cupnet;

/**
 * A handle that acknowledges one received need-ack frame, or rejects it so that its
 * sender's next copy is handled again; needed in manual ack mode, and to reject a frame
 * in the other modes.
 */
public interface Acknowledgment {

    /** The handle of a frame that needs no ack: acknowledging it does nothing. */
    Acknowledgment NONE = new Acknowledgment() {

        @Override
        public void acknowledge() {
        }

        @Override
        public void reject() {
        }

        @Override
        public boolean isAcknowledged() {
            return true;
        }

    };

    /** Sends the ack to the frame's sender; calling it again does nothing. Safe from any thread. */
    void acknowledge();

    /**
     * Gives the frame up without an ack, as a failing handler does: the copy its sender resends
     * after the ack retry interval is handled again, where otherwise the dedup window would drop
     * it as still in progress. Meant for work that fails after the handler returned, on another
     * thread; in {@code AFTER_SUCCESS} mode a handler that rejects and returns sends no ack.
     * Does nothing once the frame was acknowledged or rejected. Safe from any thread.
     */
    void reject();

    /** Whether the ack was sent, or the frame needs none; {@code false} once rejected. */
    boolean isAcknowledged();

    /**
     * Lets the handler return before the message is handled, the work going on on another thread:
     * the frame is then not acknowledged when the handler returns, but when the returned handle
     * {@linkplain DeferredHandling#succeeded() succeeds} (in {@code AFTER_SUCCESS} mode), and a draining
     * message center waits for the handle to be settled. Call it on the handler thread, before the
     * handler returns; the handle must be settled exactly once the work ends, whatever its outcome.
     * A frame whose handler throws after deferring is given up as failed. The default, for handles
     * that no message center made, acknowledges nothing and rejects the frame on failure.
     * @return the handle that ends the message's handling
     */
    default DeferredHandling defer() {
        return new DeferredHandling() {

            @Override
            public void succeeded() {
            }

            @Override
            public void failed() {
                reject();
            }

        };
    }

}
