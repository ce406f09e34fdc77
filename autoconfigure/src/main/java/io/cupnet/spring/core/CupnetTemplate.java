package io.cupnet.spring.core;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;
import io.cupnet.MessageCenter;
import io.cupnet.MessageFlags;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;

/**
 * Sends cupnet messages from Spring code: fire-and-forget, with an ack, or as a request
 * whose reply (same uniq id, from the same peer) completes the returned future.
 *
 * <p>Bodies are converted by the {@link PayloadConverter}: {@code byte[]} as is,
 * {@code String} as UTF-8, other objects as JSON.
 *
 * <p>Every method reports every failure through the returned future and never throws: an
 * invalid address, a body that cannot be converted, a node that is not started, a full queue.
 * Addresses are "ip:port" with an IPv4 address (CUP carries IPv4), surrounding whitespace
 * trimmed. An address that starts with the scheme of a {@link DestinationTransport}, such as
 * {@code amqp:billing} for a topic on the broker, goes through that transport instead.
 */
public class CupnetTemplate {

    private final CupnetServer server;

    private final PayloadConverter converter;

    private final PendingReplies replies;

    private final Map<String, DestinationTransport> transports;

    public CupnetTemplate(CupnetServer server, PayloadConverter converter, PendingReplies replies) {
        this(server, converter, replies, List.of());
    }

    /** A template that also sends to the destinations of {@code transports}, each by its scheme. */
    public CupnetTemplate(CupnetServer server, PayloadConverter converter, PendingReplies replies,
            List<DestinationTransport> transports) {
        this.server = server;
        this.converter = converter;
        this.replies = replies;
        this.transports = transports.stream()
            .collect(Collectors.toUnmodifiableMap(DestinationTransport::scheme, Function.identity()));
    }

    /** Sends a message as built; completes when written, or when acked if it carries FLAG_NEEDACK. */
    public CompletableFuture<DeliveryResult> send(CupMessage message) {
        try {
            return center().send(message);
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /** Sends a plain message to {@code to} ("ip:port"); completes when written. */
    public CompletableFuture<DeliveryResult> send(String to, int type, Object body) {
        DestinationTransport transport = transportOf(to);
        if (transport != null) {
            return build(() -> message(PeerAddress.NONE, type, body).build())
                .thenCompose((message) -> transport.send(destination(to), message));
        }
        return parse(to).thenCompose((address) -> send(address, type, body));
    }

    /** Sends a plain message; completes when written. */
    public CompletableFuture<DeliveryResult> send(PeerAddress to, int type, Object body) {
        return build(() -> message(to, type, body).build()).thenCompose(this::send);
    }

    /** Sends a need-ack message to {@code to} ("ip:port"); completes when the peer acknowledges it. */
    public CompletableFuture<DeliveryResult> sendAndAwaitAck(String to, int type, Object body) {
        DestinationTransport transport = transportOf(to);
        if (transport != null) {
            return build(() -> message(PeerAddress.NONE, type, body).needAck().build())
                .thenCompose((message) -> transport.send(destination(to), message));
        }
        return parse(to).thenCompose((address) -> sendAndAwaitAck(address, type, body));
    }

    /** Sends a need-ack message; completes when the peer acknowledges it, or fails with ACK_TIMEOUT. */
    public CompletableFuture<DeliveryResult> sendAndAwaitAck(PeerAddress to, int type, Object body) {
        return build(() -> message(to, type, body).needAck().build()).thenCompose(this::send);
    }

    /**
     * Parses "ip:port", trimming surrounding whitespace; fails the returned future with an
     * {@link IllegalArgumentException} that says how to write the address.
     */
    static CompletableFuture<PeerAddress> parse(String to) {
        String address = (to != null) ? to.strip() : null;
        try {
            return CompletableFuture.completedFuture(PeerAddress.parse(address));
        }
        catch (RuntimeException ex) {
            String hint = (address != null && address.toLowerCase(Locale.ROOT).startsWith("localhost"))
                    ? "; CUP carries IPv4 addresses, so write 127.0.0.1 instead of localhost" : "";
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "Invalid peer address '" + to + "': " + ex.getMessage() + hint, ex));
        }
    }

    private static CompletableFuture<CupMessage> build(Supplier<CupMessage> builder) {
        try {
            return CompletableFuture.completedFuture(builder.get());
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /**
     * Sends a request to {@code to} ("ip:port") and completes with the reply.
     * @see #request(PeerAddress, int, Object, Duration)
     */
    public CompletableFuture<CupMessage> request(String to, int type, Object body, Duration timeout) {
        DestinationTransport transport = transportOf(to);
        if (transport != null) {
            return build(() -> message(PeerAddress.NONE, type, body).build())
                .thenCompose((message) -> transport.request(destination(to), message, timeout));
        }
        return parse(to).thenCompose((address) -> request(address, type, body, timeout));
    }

    /** Sends a request to {@code to} ("ip:port") and completes with the reply's body converted to {@code replyType}. */
    public <T> CompletableFuture<T> request(String to, int type, Object body, Duration timeout, Class<T> replyType) {
        return request(to, type, body, timeout)
            .thenApply((reply) -> replyType.cast(this.converter.fromBody(reply.body(), replyType)));
    }

    /** The transport whose scheme {@code to} starts with, or null for a CUP address. */
    private DestinationTransport transportOf(String to) {
        if (to == null || this.transports.isEmpty()) {
            return null;
        }
        String stripped = to.strip();
        int colon = stripped.indexOf(':');
        return (colon > 0) ? this.transports.get(stripped.substring(0, colon)) : null;
    }

    private static String destination(String to) {
        String stripped = to.strip();
        return stripped.substring(stripped.indexOf(':') + 1);
    }

    /**
     * Sends a request and completes with the reply: the first message from {@code to} with the
     * same uniq id, or a {@code TimeoutException} after {@code timeout} that says whether the
     * request itself was written. Fails at once, through the future, when the send fails.
     */
    public CompletableFuture<CupMessage> request(PeerAddress to, int type, Object body, Duration timeout) {
        MessageCenter center;
        CupMessage request;
        try {
            center = center();
            request = message(to, type, body).uniqId(center.nextUniqId()).build();
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
        CompletableFuture<Object> sent = new CompletableFuture<>();
        CompletableFuture<CupMessage> reply = this.replies.register(to, request.uniqId(), timeout, sent);
        center.send(request).whenComplete((result, failure) -> {
            if (failure != null) {
                reply.completeExceptionally(failure);
            }
            sent.complete(result);
        });
        return reply;
    }

    /** Sends a request and completes with the reply's body converted to {@code replyType}. */
    public <T> CompletableFuture<T> request(PeerAddress to, int type, Object body, Duration timeout,
            Class<T> replyType) {
        return request(to, type, body, timeout)
            .thenApply((reply) -> replyType.cast(this.converter.fromBody(reply.body(), replyType)));
    }

    /** The address peers see as this node's, once started. */
    public PeerAddress localAddress() {
        return center().localAddress();
    }

    /** The running message center, for what this template does not cover. */
    public MessageCenter messageCenter() {
        return center();
    }

    private CupMessage.Builder message(PeerAddress to, int type, Object body) {
        return CupMessage.builder().flags(MessageFlags.NORMAL).to(to).type(type).body(this.converter.toBody(body));
    }

    private MessageCenter center() {
        return this.server.requireMessageCenter();
    }

}
