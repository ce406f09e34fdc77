package io.cupnet.bench.grpc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Budget;
import io.cupnet.bench.LatencyRound;
import io.cupnet.bench.Sample;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/**
 * gRPC round trip: one unary call outstanding; the server echoes the body. Tuned, an application
 * thread makes the call with the async stub and waits on a CompletableFuture that the response
 * observer completes (on the client's event loop, with {@code directExecutor()}); with the defaults,
 * it calls the blocking stub, as an out-of-the-box client does.
 */
public final class GrpcRtt extends GrpcContender {

    private ManagedChannel channel;

    /** Creates the contender. */
    public GrpcRtt(BenchOptions bench) {
        super(bench);
    }

    @Override
    public String describe() {
        boolean tuned = new GrpcSettings(this.bench.baseline()).tuned();
        return GrpcPair.describe(this.bench, "1 application thread makes a unary call and waits for the echo ("
                + (tuned ? "async stub, CompletableFuture completed by the response observer)"
                        : "blocking stub)") + "; the server's unary method answers with the same body");
    }

    @Override
    public void open() throws Exception {
        this.pair = new GrpcPair(this.bench);
        this.channel = this.pair.start(ServerServiceDefinition.builder(GrpcMethods.SERVICE)
            .addMethod(GrpcMethods.ECHO, ServerCalls.asyncUnaryCall(GrpcRtt::echo))
            .build());
        requestOnce();
    }

    private static void echo(byte[] request, StreamObserver<byte[]> response) {
        response.onNext(request);
        response.onCompleted();
    }

    private void requestOnce() throws Exception {
        if (!this.pair.settings().tuned()) {
            ClientCalls.blockingUnaryCall(this.channel, GrpcMethods.ECHO, CallOptions.DEFAULT, this.body);
            return;
        }
        Reply reply = new Reply();
        ClientCalls.asyncUnaryCall(this.channel.newCall(GrpcMethods.ECHO, CallOptions.DEFAULT), this.body, reply);
        reply.get(10, TimeUnit.SECONDS);
    }

    @Override
    public Sample round(Budget budget, String label) throws Exception {
        return LatencyRound.run(budget, label, this::requestOnce);
    }

    /** The response observer of one call: completes with the echo. */
    private static final class Reply extends CompletableFuture<byte[]> implements StreamObserver<byte[]> {

        @Override
        public void onNext(byte[] value) {
            complete(value);
        }

        @Override
        public void onError(Throwable error) {
            completeExceptionally(error);
        }

        @Override
        public void onCompleted() {
        }

    }

}
