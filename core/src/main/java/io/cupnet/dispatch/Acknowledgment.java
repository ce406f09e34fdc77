package io.cupnet.dispatch;

/**
 * A handle that acknowledges one received need-ack frame; only needed in manual ack mode.
 */
public interface Acknowledgment {

    /** The handle of a frame that needs no ack: acknowledging it does nothing. */
    Acknowledgment NONE = new Acknowledgment() {

        @Override
        public void acknowledge() {
        }

        @Override
        public boolean isAcknowledged() {
            return true;
        }

    };

    /** Sends the ack to the frame's sender; calling it again does nothing. Safe from any thread. */
    void acknowledge();

    /** Whether the ack was sent, or the frame needs none. */
    boolean isAcknowledged();

}
