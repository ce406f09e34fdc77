package io.cupnet.amqp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;
import io.cupnet.spring.core.CupnetTemplate;
import io.cupnet.spring.core.DestinationTransport;

/**
 * The broker's destinations for {@link CupnetTemplate}: {@code amqp:topic} (one node of the topic),
 * {@code amqp:topic/server} (that server) and {@code amqp:topic/*} (every node), sent through an
 * {@link AmqpMessageSender}.
 */
public final class AmqpDestinations implements DestinationTransport {

    /** The scheme of broker destinations. */
    public static final String SCHEME = "amqp";

    private final AmqpMessageSender sender;

    public AmqpDestinations(AmqpMessageSender sender) {
        this.sender = sender;
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public CompletableFuture<DeliveryResult> send(String destination, CupMessage message) {
        try {
            return this.sender.send(AmqpTarget.parse(destination), message);
        }
        catch (IllegalArgumentException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    @Override
    public CompletableFuture<CupMessage> request(String destination, CupMessage request, Duration timeout) {
        try {
            return this.sender.request(AmqpTarget.parse(destination), request, timeout);
        }
        catch (IllegalArgumentException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

}
