package io.cupnet.options;

import java.util.concurrent.Executor;

import io.cupnet.DispatchMode;

import static io.cupnet.options.InvalidOptionException.check;

/**
 * Where and on how many threads the handler runs.
 *
 * <p>The {@code listener} group of {@link CupnetOptions}, set with
 * {@link CupnetOptions.Builder#listener(java.util.function.Consumer)}; the Spring Boot starter binds it from
 * {@code cupnet.listener.*}.
 */
public final class ListenerOptions {

    private final int concurrency;

    private final DispatchMode dispatch;

    private final Executor executor;

    private ListenerOptions(Builder builder) {
        this.concurrency = builder.concurrency;
        this.dispatch = builder.dispatch;
        this.executor = builder.executor;
    }

    /**
     * Handler threads taking frames off the receive queue; with 1 (the default) frames are handled one at a time in
     * the order received, urgent ones first. At least 1.
     */
    public int concurrency() {
        return this.concurrency;
    }

    /**
     * Where the handler runs; {@link DispatchMode#IO_THREAD} only for handlers that never block. Default {@link
     * DispatchMode#HANDLER_THREADS}, not null.
     */
    public DispatchMode dispatch() {
        return this.dispatch;
    }

    /**
     * Runs the handler loops, one long-running task per handler thread (see {@link Builder#concurrency(int)});
     * default {@code null} for a fixed pool of platform threads owned by the message center.
     */
    public Executor executor() {
        return this.executor;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link ListenerOptions}; {@link CupnetOptions.Builder#build()} validates it. */
    public static final class Builder {

        private int concurrency = 1;

        private DispatchMode dispatch = DispatchMode.HANDLER_THREADS;

        private Executor executor;

        Builder() {
        }

        private Builder(ListenerOptions options) {
            this.concurrency = options.concurrency;
            this.dispatch = options.dispatch;
            this.executor = options.executor;
        }

        /**
         * Handler threads taking frames off the receive queue; with 1 (the default) frames are handled one at a
         * time in the order received, urgent ones first. At least 1.
         */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /**
         * Where the handler runs; {@link DispatchMode#IO_THREAD} only for handlers that never block. Default {@link
         * DispatchMode#HANDLER_THREADS}, not null.
         */
        public Builder dispatch(DispatchMode dispatch) {
            this.dispatch = dispatch;
            return this;
        }

        /**
         * Runs the handler loops, one long-running task per handler thread (see {@link #concurrency(int)}); default
         * {@code null} for a fixed pool of platform threads owned by the message center.
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        ListenerOptions build() {
            check(this.concurrency > 0, "listener.concurrency", this.concurrency, "at least 1");
            check(this.dispatch != null, "listener.dispatch", null, "HANDLER_THREADS or IO_THREAD");
            return new ListenerOptions(this);
        }

    }

}
