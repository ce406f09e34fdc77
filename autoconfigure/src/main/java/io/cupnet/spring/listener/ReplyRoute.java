package io.cupnet.spring.listener;

import java.util.concurrent.CompletableFuture;

import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;

/**
 * The way back to the sender of a message that came by a transport other than the TCP message center: the
 * {@link Acknowledgment} of such a message implements it, and the {@link MessageRouter} sends a listener's reply
 * through it, so that a reply goes back over the transport its request came by.
 */
public interface ReplyRoute {

    /** The name of the transport the message came by, such as {@code amqp}: its {@code cupnet_transport} header. */
    String transport();

    /** Whether replies to this message go back through {@link #reply}; {@code false} sends them over TCP. */
    boolean repliesHere();

    /** Sends {@code reply} back to the sender of the message; completes as a send does. */
    CompletableFuture<DeliveryResult> reply(CupMessage reply);

}
