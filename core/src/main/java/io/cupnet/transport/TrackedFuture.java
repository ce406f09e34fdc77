package io.cupnet.transport;

import java.util.concurrent.CompletableFuture;

import io.cupnet.ack.DeliveryResult;
import io.cupnet.metrics.CupnetStats;

/**
 * A send's future that counts itself in flight until it completes, so that a drain can
 * wait for every send without a completion callback per message.
 */
final class TrackedFuture extends CompletableFuture<DeliveryResult> {

    private final InFlight inFlight;

    private final CupnetStats stats;

    TrackedFuture(InFlight inFlight, CupnetStats stats) {
        this.inFlight = inFlight;
        this.stats = stats;
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
            this.stats.sendFailures().increment();
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
