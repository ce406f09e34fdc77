package io.cupnet.spring.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;

/**
 * The requests of {@link CupnetTemplate#request} waiting for their reply, matched by the
 * peer's ip and port and the uniq id.
 */
public final class PendingReplies {

    private final Map<Key, CompletableFuture<CupMessage>> pending = new ConcurrentHashMap<>();

    /** Registers a request; the future fails with a {@link TimeoutException} when no reply comes in time. */
    public CompletableFuture<CupMessage> register(PeerAddress to, UniqId uniqId, Duration timeout) {
        Key key = new Key(to.endpointKey(), uniqId);
        CompletableFuture<CupMessage> reply = new CompletableFuture<>();
        this.pending.put(key, reply);
        reply.whenComplete((message, failure) -> this.pending.remove(key, reply));
        CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS)
            .execute(() -> reply.completeExceptionally(new TimeoutException(
                    "No reply to message " + uniqId + " from " + to + " within " + timeout)));
        return reply;
    }

    /** Whether {@code frame} answers a request still waiting for its reply. */
    public boolean isPending(CupMessage frame) {
        return !this.pending.isEmpty() && frame.from() != null && frame.uniqId() != null
                && this.pending.containsKey(new Key(frame.from().endpointKey(), frame.uniqId()));
    }

    /** Completes the request that {@code frame} answers; returns false when it answers none. */
    public boolean complete(CupMessage frame) {
        if (this.pending.isEmpty() || frame.from() == null || frame.uniqId() == null) {
            return false;
        }
        CompletableFuture<CupMessage> reply = this.pending.remove(new Key(frame.from().endpointKey(), frame.uniqId()));
        return reply != null && reply.complete(frame);
    }

    /** Number of requests waiting for their reply. */
    public int size() {
        return this.pending.size();
    }

    private record Key(long endpoint, UniqId uniqId) {
    }

}
