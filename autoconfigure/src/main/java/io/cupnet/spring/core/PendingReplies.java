package io.cupnet.spring.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The requests of {@link CupnetTemplate#request} waiting for their reply, matched by the
 * peer's ip and port and the uniq id. A request's timeout is cancelled (and its reply
 * released) as soon as the reply arrives.
 */
public final class PendingReplies implements AutoCloseable {

    private final Map<Key, CompletableFuture<CupMessage>> pending = new ConcurrentHashMap<>();

    private final ScheduledThreadPoolExecutor timer;

    public PendingReplies() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("cupnet-reply-timer-");
        threads.setDaemon(true);
        this.timer = new ScheduledThreadPoolExecutor(1, threads);
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /** Registers a request; the future fails with a {@link TimeoutException} when no reply comes in time. */
    public CompletableFuture<CupMessage> register(PeerAddress to, UniqId uniqId, Duration timeout) {
        return register(to, uniqId, timeout, null);
    }

    /**
     * Registers a request whose send is under way; a timeout says whether the request itself
     * was written.
     * @param sent the request's send future, or {@code null}
     */
    public CompletableFuture<CupMessage> register(PeerAddress to, UniqId uniqId, Duration timeout,
            CompletableFuture<?> sent) {
        Key key = new Key(to.endpointKey(), uniqId);
        CompletableFuture<CupMessage> reply = new CompletableFuture<>();
        this.pending.put(key, reply);
        ScheduledFuture<?> timeoutTask = this.timer.schedule(
                () -> reply.completeExceptionally(new TimeoutException("No reply to message " + uniqId + " from " + to
                        + " within " + timeout + reason(to, sent))),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        reply.whenComplete((message, failure) -> {
            this.pending.remove(key, reply);
            timeoutTask.cancel(false);
        });
        return reply;
    }

    private static String reason(PeerAddress to, CompletableFuture<?> sent) {
        if (sent == null) {
            return "";
        }
        if (!sent.isDone()) {
            return "; the request itself was not written yet: is " + to + " reachable and listening?";
        }
        return "; the request was written, but no reply came back with its uniq id: does a listener there return a"
                + " value for its type, and can it reach this node's address?";
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

    /** Number of request timeouts still scheduled: one per request waiting for its reply. */
    public int scheduledTimeouts() {
        return this.timer.getQueue().size();
    }

    /** Stops the timeout timer; requests still waiting never time out after this. */
    @Override
    public void close() {
        this.timer.shutdownNow();
    }

    private record Key(long endpoint, UniqId uniqId) {
    }

}
