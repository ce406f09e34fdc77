package io.cupnet.spring.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

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
 */
public class CupnetTemplate {

    private final CupnetServer server;

    private final PayloadConverter converter;

    private final PendingReplies replies;

    public CupnetTemplate(CupnetServer server, PayloadConverter converter, PendingReplies replies) {
        this.server = server;
        this.converter = converter;
        this.replies = replies;
    }

    /** Sends a message as built; completes when written, or when acked if it carries FLAG_NEEDACK. */
    public CompletableFuture<DeliveryResult> send(CupMessage message) {
        return center().send(message);
    }

    /** Sends a plain message to {@code to} ("ip:port"); completes when written. */
    public CompletableFuture<DeliveryResult> send(String to, int type, Object body) {
        return send(PeerAddress.parse(to), type, body);
    }

    /** Sends a plain message; completes when written. */
    public CompletableFuture<DeliveryResult> send(PeerAddress to, int type, Object body) {
        return send(message(to, type, body).build());
    }

    /** Sends a need-ack message to {@code to} ("ip:port"); completes when the peer acknowledges it. */
    public CompletableFuture<DeliveryResult> sendAndAwaitAck(String to, int type, Object body) {
        return sendAndAwaitAck(PeerAddress.parse(to), type, body);
    }

    /** Sends a need-ack message; completes when the peer acknowledges it, or fails with ACK_TIMEOUT. */
    public CompletableFuture<DeliveryResult> sendAndAwaitAck(PeerAddress to, int type, Object body) {
        return send(message(to, type, body).needAck().build());
    }

    /**
     * Sends a request and completes with the reply: the first message from {@code to} with the
     * same uniq id, or a {@code TimeoutException} after {@code timeout}.
     */
    public CompletableFuture<CupMessage> request(PeerAddress to, int type, Object body, Duration timeout) {
        MessageCenter center = center();
        UniqId uniqId = center.nextUniqId();
        CompletableFuture<CupMessage> reply = this.replies.register(to, uniqId, timeout);
        center.send(message(to, type, body).uniqId(uniqId).build()).whenComplete((result, failure) -> {
            if (failure != null) {
                reply.completeExceptionally(failure);
            }
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
