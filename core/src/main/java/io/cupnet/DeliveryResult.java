package io.cupnet;


/**
 * The successful outcome of a send: written to the peer's socket, or acknowledged by the peer.
 *
 * @param uniqId the id the message travelled with
 * @param to the peer it was addressed to
 * @param status how far delivery is known to have gone
 * @param attempts how many times the frame was written (more than one when need-ack retries happened)
 */
public record DeliveryResult(UniqId uniqId, PeerAddress to, Status status, int attempts) {

    /** How far delivery of a message is known to have gone. */
    public enum Status {

        /** Written to the connection; the peer was not asked to acknowledge it. */
        SENT,

        /** Acknowledged by the peer (need-ack messages only). */
        ACKED

    }

}
