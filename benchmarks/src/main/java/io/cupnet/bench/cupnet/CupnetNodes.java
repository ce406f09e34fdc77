package io.cupnet.bench.cupnet;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.cupnet.CupMessage;
import io.cupnet.DispatchMode;
import io.cupnet.MessageCenter;
import io.cupnet.MessageHandler;
import io.cupnet.OverflowPolicy;
import io.cupnet.PeerAddress;
import io.cupnet.bench.BenchOptions;
import io.cupnet.internal.transport.NettyTransport;
import io.cupnet.options.CupnetOptions;

/**
 * Starts the cupnet nodes of a scenario: each a {@link MessageCenter} with its own event-loop group
 * on 127.0.0.1 and a free port.
 */
public final class CupnetNodes {

    /** The message type the benchmarks send. */
    public static final int BENCH_TYPE = 100;

    private CupnetNodes() {
    }

    /** The options of every benchmark node: loopback, port 0, the WAIT overflow policy. */
    public static CupnetOptions options(BenchOptions bench) {
        return configure(CupnetOptions.builder(), bench).build();
    }

    /** Sets the options of every benchmark node on a builder, which is returned. */
    public static CupnetOptions.Builder configure(CupnetOptions.Builder builder, BenchOptions bench) {
        return builder.server(s -> s.host("127.0.0.1").port(0))
            .transport(t -> t.type(bench.transport()).ioThreads(bench.ioThreads()))
            .send(s -> s.queueCapacity(bench.sendQueue()).overflowPolicy(OverflowPolicy.WAIT).overflowWait(Duration.ofSeconds(30)))
            .listener(l -> l.concurrency(1).dispatch(bench.dispatch()))
            .shutdownTimeout(Duration.ofSeconds(5));
    }

    /** Starts a node. */
    public static MessageCenter start(BenchOptions bench, MessageHandler handler) {
        MessageCenter center = new MessageCenter(options(bench), handler);
        center.start();
        return center;
    }

    /** A message of {@code frameSize} total bytes (header + body) to {@code to}. */
    public static CupMessage message(PeerAddress to, byte[] body, boolean needAck) {
        CupMessage.Builder builder = CupMessage.builder().to(to).type(BENCH_TYPE).body(body);
        return needAck ? builder.needAck().build() : builder.build();
    }

    /** A body that makes a frame of {@code frameSize} bytes, head excluded. */
    public static byte[] body(int frameSize) {
        byte[] body = new byte[frameSize - CupMessage.HEADER_LENGTH];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        return body;
    }

    /** Describes the threads of a pair of nodes for the report. */
    public static String describePair(BenchOptions bench, String load) {
        return "sender node and receiver node, each a MessageCenter with its own " + transportName(bench)
                + " event-loop group (" + bench.ioThreads() + " I/O thread(s)) and "
                + ((bench.dispatch() == DispatchMode.IO_THREAD) ? "handlers on the I/O thread; " : "1 handler thread; ") + load
                + "; send queue " + bench.sendQueue() + " frames, WAIT policy";
    }

    /** The name of the transport the options select, epoll or nio. */
    public static String transportName(BenchOptions bench) {
        return NettyTransport.choose(bench.transport()).name();
    }

    /** Closes nodes, ignoring those that are null. */
    public static void closeAll(MessageCenter... centers) {
        for (MessageCenter center : centers) {
            if (center != null) {
                center.close();
            }
        }
    }

    /** Waits until {@code condition} holds, up to 10 s. */
    public static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out waiting until " + what);
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

}
