package io.cupnet.bench.grpc;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Contender;
import io.cupnet.bench.cupnet.CupnetNodes;

/**
 * A gRPC contender made of a server and a client channel ({@link GrpcPair}): what both gRPC
 * baselines share, their options, the body they send, their name and closing the pair.
 */
abstract class GrpcContender implements Contender {

    protected final BenchOptions bench;

    /** The body of every message: the same bytes as cupnet's body. */
    protected final byte[] body;

    /** The server and the client, once opened. */
    protected GrpcPair pair;

    protected GrpcContender(BenchOptions bench) {
        this.bench = bench;
        this.body = CupnetNodes.body(bench.size());
    }

    @Override
    public final String name() {
        return "baseline";
    }

    @Override
    public void close() {
        if (this.pair != null) {
            this.pair.close();
        }
    }

}
