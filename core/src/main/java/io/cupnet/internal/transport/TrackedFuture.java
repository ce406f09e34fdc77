package io.cupnet.internal.transport;

import java.util.concurrent.CompletableFuture;

import io.cupnet.DeliveryResult;
import io.cupnet.metrics.CupnetStats;

/**
 * A send's future that counts itself in flight until it completes, so that a drain can
 * wait for every send without a completion callback per message.
 */
public final class TrackedFuture extends CompletableFuture<DeliveryResult> {

    private final InFlight inFlight;

    private final CupnetStats stats;

    private final int type;

    public TrackedFuture(InFlight inFlight, CupnetStats stats, int type) {
        this.inFlight = inFlight;
        this.stats = stats;
        this.type = type;
        inFlight.increment();
    }

    @Override
    public boolean complete(DeliveryResult value) {
        boolean completed = super.complete(value);
        if (completed) {
            this.inFlight.decrement();
        }
        return completed;
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
        boolean completed = super.completeExceptionally(failure);
        if (completed) {
            this.stats.sendFailed(this.type);
            this.inFlight.decrement();
        }
        return completed;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            this.inFlight.decrement();
        }
        return cancelled;
    }

}
