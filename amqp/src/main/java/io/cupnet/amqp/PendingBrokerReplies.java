package io.cupnet.amqp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cupnet.CupMessage;
import io.cupnet.UniqId;

/**
 * The requests sent over the broker that wait for their reply, by uniq id (unique per sender): each
 * completes exactly once, with the reply, or fails when its timeout, a failed publish or shutdown comes first.
 */
final class PendingBrokerReplies {

    private final Map<UniqId, CompletableFuture<CupMessage>> pending = new ConcurrentHashMap<>();

    private final ScheduledExecutorService timer;

    PendingBrokerReplies(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts waiting for the reply to {@code id}; null when a request with that id is already waiting. */
    CompletableFuture<CupMessage> register(UniqId id, AmqpTarget target, Duration timeout) {
        CompletableFuture<CupMessage> reply = new CompletableFuture<>();
        if (this.pending.putIfAbsent(id, reply) != null) {
            return null;
        }
        ScheduledFuture<?> timeoutTask = this.timer.schedule(() -> reply.completeExceptionally(new TimeoutException(
                "No reply to request " + id + " sent to " + target + " within " + timeout + ": does a listener "
                        + "there return a value for its type?")),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        reply.whenComplete((message, failure) -> {
            this.pending.remove(id, reply);
            timeoutTask.cancel(false);
        });
        return reply;
    }

    /** Completes the request that {@code reply} answers; false when none waits for it. */
    boolean complete(CupMessage reply) {
        CompletableFuture<CupMessage> request = this.pending.get(reply.uniqId());
        return request != null && request.complete(reply);
    }

    /** Fails the request {@code id} with {@code failure}, when it still waits. */
    void fail(UniqId id, Throwable failure) {
        CompletableFuture<CupMessage> request = this.pending.get(id);
        if (request != null) {
            request.completeExceptionally(failure);
        }
    }

    /** Fails every waiting request with {@code failure}. */
    void failAll(Throwable failure) {
        this.pending.values().forEach((request) -> request.completeExceptionally(failure));
    }

}
