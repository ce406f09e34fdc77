package io.cupnet.bench.grpc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

/**
 * The client side of the gRPC one-way stream: an application thread writes messages while the call
 * {@code isReady()} and otherwise parks until the call's onReady handler (on the client's event loop
 * with {@code directExecutor()}, on gRPC's default executor otherwise) wakes it, as gRPC's flow
 * control asks. One thread writes at a time: the load's, or the opening thread before any round.
 */
final class GrpcStream implements ClientResponseObserver<byte[], byte[]> {

    /** The longest a waiting writer sleeps before it looks at the call and the stop flag again. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final byte[] body;

    private final CompletableFuture<byte[]> response = new CompletableFuture<>();

    private ClientCallStreamObserver<byte[]> stream;

    private volatile Thread writer;

    /** Creates the stream's client side; {@code body} is the body of every message. */
    GrpcStream(byte[] body) {
        this.body = body;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<byte[]> requestStream) {
        this.stream = requestStream;
        requestStream.setOnReadyHandler(() -> {
            Thread waiting = this.writer;
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
        });
    }

    /**
     * Writes one message once the call is ready.
     * @param stopped tells whether the load was stopped while waiting
     * @return whether the message was written
     */
    boolean sendOne(BooleanSupplier stopped) {
        ClientCallStreamObserver<byte[]> current = this.stream;
        if (!current.isReady()) {
            // Known before the second look, so that an onReady between the two wakes this thread.
            this.writer = Thread.currentThread();
            while (!current.isReady()) {
                if (stopped.getAsBoolean()) {
                    return false;
                }
                checkFailure();
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
        current.onNext(this.body);
        return true;
    }

    /** Throws when the call failed. */
    void checkFailure() {
        if (this.response.isCompletedExceptionally()) {
            this.response.join();
        }
    }

    /** Ends the stream, once no load writes any more, and waits for the server's answer. */
    void finish() throws Exception {
        this.stream.onCompleted();
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
