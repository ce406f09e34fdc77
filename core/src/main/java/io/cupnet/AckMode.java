package io.cupnet;

/**
 * When a receiver acknowledges a need-ack frame.
 */
public enum AckMode {

    /** As soon as the frame is taken off the receive queue, before the handler runs. */
    ON_RECEIPT,

    /** After the handler returns normally; a failing handler leaves the frame un-acked so the sender resends it. */
    AFTER_SUCCESS,

    /** When the handler calls {@code Acknowledgment.acknowledge()}. */
    MANUAL

}
