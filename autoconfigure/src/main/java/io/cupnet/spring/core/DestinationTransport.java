package io.cupnet.spring.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;

/**
 * A transport other than CUP over TCP that {@link CupnetTemplate} sends through when a destination starts with its
 * scheme, such as {@code amqp:billing} for the broker transport; declare it as a bean.
 */
public interface DestinationTransport {

    /** The scheme of the destinations this transport takes, such as {@code amqp}, without the colon. */
    String scheme();

    /**
     * Sends {@code message}, whose sender and uniq id may be unset, to {@code destination} (what follows the scheme
     * and its colon); completes as a CUP send does, or fails with the reason.
     */
    CompletableFuture<DeliveryResult> send(String destination, CupMessage message);

    /** Sends {@code request} to {@code destination} and completes with the reply, or fails after {@code timeout}. */
    CompletableFuture<CupMessage> request(String destination, CupMessage request, Duration timeout);

}
