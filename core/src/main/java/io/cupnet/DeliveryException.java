package io.cupnet;


/**
 * Thrown, or used to complete a send future, when a message cannot be delivered; the
 * {@link Reason} names why.
 */
public class DeliveryException extends RuntimeException {

    private final Reason reason;

    private final transient PeerAddress peer;

    private final transient UniqId uniqId;

    /**
     * A failure without a cause.
     * @param reason why the message was not delivered
     * @param peer the peer it was for, or {@code null}
     * @param uniqId its uniq id, or {@code null} when none was assigned
     * @param message what happened, in words; the reason is prepended
     */
    public DeliveryException(Reason reason, PeerAddress peer, UniqId uniqId, String message) {
        this(reason, peer, uniqId, message, null);
    }

    /** A failure with the exception that caused it, such as a connect error. */
    public DeliveryException(Reason reason, PeerAddress peer, UniqId uniqId, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
        this.peer = peer;
        this.uniqId = uniqId;
    }

    /** Why the message was not delivered. */
    public Reason reason() {
        return this.reason;
    }

    /** The peer the message was addressed to, or {@code null} when it had none. */
    public PeerAddress peer() {
        return this.peer;
    }

    /** The message's id, or {@code null} when it was refused before one was given. */
    public UniqId uniqId() {
        return this.uniqId;
    }

    /** Why a message was not delivered. */
    public enum Reason {

        /** The message center is not started, or is stopping. */
        NOT_RUNNING,

        /** The peer's send queue was full (and the wait time, if any, ran out). */
        QUEUE_FULL,

        /** The message was invalid: addressed to this node itself, too large, missing a field. */
        INVALID_MESSAGE,

        /** The connection closed before the frame was written. */
        CONNECTION_LOST,

        /** No connection to the peer could be opened before the message's deadline. */
        PEER_UNREACHABLE,

        /**
         * Too many need-ack messages were already waiting for their ack, from this peer or
         * from all peers together; the message was not sent.
         */
        TOO_MANY_PENDING_ACKS,

        /** A need-ack message was not acknowledged within its total timeout. */
        ACK_TIMEOUT,

        /** The message center shut down before the message was delivered. */
        SHUTDOWN,

        /**
         * The message was addressed to a new peer while the node already kept state for its maximum number of
         * peers (option {@code connection.maxPeers}); the message was not sent.
         */
        TOO_MANY_PEERS,

        /**
         * A need-ack message with this uniq id to this peer was still waiting for its ack; the new one was not
         * sent. Give each need-ack message its own uniq id, or leave it unset for a fresh one.
         */
        DUPLICATE_UNIQ_ID,

        /**
         * The broker could route the message to no queue: no node serves its topic, or its server
         * (broker transport only).
         */
        NO_ROUTE,

        /** The broker refused the message (a negative publisher confirm; broker transport only). */
        BROKER_REJECTED

    }

}
