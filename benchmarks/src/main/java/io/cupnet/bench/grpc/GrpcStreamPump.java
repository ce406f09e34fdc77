package io.cupnet.bench.grpc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.cupnet.bench.ThroughputRound;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

/**
 * The gRPC baseline's sender: writes messages on a client-streaming call while the call
 * {@code isReady()}, and resumes from its onReady handler, which runs on the client's event loop
 * with {@code directExecutor()} and on gRPC's default executor otherwise. One lock keeps the
 * onReady handler and the start of a round from writing at once.
 */
final class GrpcStreamPump implements ClientResponseObserver<byte[], byte[]>, ThroughputRound.Load {

    private final byte[] body;

    private final Executor starter;

    private final CompletableFuture<byte[]> response = new CompletableFuture<>();

    private ClientCallStreamObserver<byte[]> stream;

    private volatile boolean stopped = true;

    private long limit;

    private long sent;

    /**
     * Creates a pump.
     * @param body the body of every message
     * @param starter where a round's first writes run: the client's event loop
     */
    GrpcStreamPump(byte[] body, Executor starter) {
        this.body = body;
        this.starter = starter;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<byte[]> requestStream) {
        this.stream = requestStream;
        requestStream.setOnReadyHandler(this::pump);
    }

    /** Sends one message outside any round, to open the stream. */
    synchronized void sendOne() {
        this.stream.onNext(this.body);
    }

    @Override
    public void start(long limit) {
        synchronized (this) {
            this.limit = limit;
            this.sent = 0;
            this.stopped = false;
        }
        this.starter.execute(this::pump);
    }

    private synchronized void pump() {
        ClientCallStreamObserver<byte[]> current = this.stream;
        while (!this.stopped && this.sent < this.limit && current.isReady()) {
            current.onNext(this.body);
            this.sent++;
        }
    }

    @Override
    public void check() {
        if (this.response.isCompletedExceptionally()) {
            this.response.join();
        }
    }

    @Override
    public void stop() {
        this.stopped = true;
    }

    @Override
    public synchronized long awaitStopped() {
        check();
        return this.sent;
    }

    /** Ends the stream and waits for the server's answer. */
    void finish() throws Exception {
        synchronized (this) {
            this.stopped = true;
            this.stream.onCompleted();
        }
        this.response.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void onNext(byte[] value) {
        this.response.complete(value);
    }

    @Override
    public void onError(Throwable error) {
        this.response.completeExceptionally(error);
    }

    @Override
    public void onCompleted() {
        this.response.complete(null);
    }

}
