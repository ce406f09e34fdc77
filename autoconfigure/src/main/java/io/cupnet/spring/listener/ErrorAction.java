package io.cupnet.spring.listener;

/**
 * What happens to a need-ack message whose listener failed, as a {@link CupnetErrorHandler} decides.
 */
public enum ErrorAction {

    /** Leave it un-acked: the sender resends it and the listener sees it again. */
    RETRY,

    /** Acknowledge it anyway: the sender stops resending and the message is dropped. */
    ACKNOWLEDGE

}
