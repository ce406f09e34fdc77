package io.cupnet.bench.netty;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.Contender;

/**
 * A raw-Netty contender made of a client and a server ({@link BaselinePair}): what every
 * baseline shares, its options, its name and closing the pair.
 */
abstract class BaselineContender implements Contender {

    protected final BenchOptions bench;

    /** The client and server, once opened. */
    protected BaselinePair pair;

    protected BaselineContender(BenchOptions bench) {
        this.bench = bench;
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
