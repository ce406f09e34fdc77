package io.cupnet.bench.grpc;

import java.util.concurrent.atomic.AtomicLong;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Budget;
import io.cupnet.bench.Sample;
import io.cupnet.bench.ThreadLoad;
import io.cupnet.bench.ThroughputRound;
import io.cupnet.bench.cupnet.CupnetNodes;
import io.grpc.ManagedChannel;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/**
 * gRPC one-way: one client-streaming call open for the whole run; an application thread writes
 * cupnet's body as messages while the call is ready (waiting for onReady otherwise), as cupnet's load
 * thread calls send(); the server's request observer counts them on arrival.
 */
public final class GrpcOneway extends GrpcContender {

    private static final byte[] EMPTY = new byte[0];

    private final AtomicLong received = new AtomicLong();

    private GrpcStream stream;

    /** Creates the contender. */
    public GrpcOneway(BenchOptions bench) {
        super(bench);
    }

    @Override
    public String describe() {
        return GrpcPair.describe(this.bench, "one client-streaming call (async stub) that 1 application thread "
                + "writes while isReady(), woken by the onReady handler otherwise; the server's request observer "
                + "counts each message");
    }

    @Override
    public void open() throws Exception {
        this.pair = new GrpcPair(this.bench);
        ManagedChannel channel = this.pair.start(ServerServiceDefinition.builder(GrpcMethods.SERVICE)
            .addMethod(GrpcMethods.STREAM, ServerCalls.asyncClientStreamingCall(this::counter))
            .build());
        this.stream = new GrpcStream(this.body);
        ClientCalls.asyncClientStreamingCall(channel.newCall(GrpcMethods.STREAM, this.pair.settings().streamOptions()),
                this.stream);
        this.stream.sendOne(() -> false);
        CupnetNodes.await(() -> this.received.get() == 1, "the first gRPC message arrived");
    }

    private StreamObserver<byte[]> counter(StreamObserver<byte[]> response) {
        return new StreamObserver<>() {
            @Override
            public void onNext(byte[] message) {
                GrpcOneway.this.received.incrementAndGet();
            }

            @Override
            public void onError(Throwable error) {
            }

            @Override
            public void onCompleted() {
                response.onNext(EMPTY);
                response.onCompleted();
            }
        };
    }

    @Override
    public Sample round(Budget budget, String label) throws InterruptedException {
        ThreadLoad load = new ThreadLoad("grpc-load", this.stream::sendOne);
        Sample sample = ThroughputRound.run(budget, label, this.received::get, load, this.bench.size());
        this.stream.checkFailure();
        return sample;
    }

    @Override
    public void close() {
        try {
            if (this.stream != null) {
                this.stream.finish();
            }
        }
        catch (Exception ex) {
            System.err.println("gRPC one-way: the stream did not end cleanly: " + ex);
        }
        finally {
            super.close();
        }
    }

}
