package io.cupnet.bench;

import io.cupnet.bench.amqp.AmqpBroker;
import io.cupnet.bench.amqp.CupnetBrokerContender;
import io.cupnet.bench.amqp.SpringAmqpBaseline;
import io.cupnet.bench.connections.ConnectionsContender;
import io.cupnet.bench.connections.CupnetDialingNode;
import io.cupnet.bench.connections.CupnetListeningNode;
import io.cupnet.bench.connections.NettyDialingNode;
import io.cupnet.bench.connections.NettyListeningNode;
import io.cupnet.bench.connections.PeersContender;
import io.cupnet.bench.cupnet.CupnetNeedAck;
import io.cupnet.bench.cupnet.CupnetNodes;
import io.cupnet.bench.cupnet.CupnetOneway;
import io.cupnet.bench.cupnet.CupnetRtt;
import io.cupnet.bench.grpc.GrpcOneway;
import io.cupnet.bench.grpc.GrpcRtt;
import io.cupnet.bench.netty.BaselinePair;
import io.cupnet.bench.netty.NettyNeedAck;
import io.cupnet.bench.netty.NettyOneway;
import io.cupnet.bench.netty.NettyRtt;

/**
 * Creates the two contenders of each scenario.
 */
final class Scenarios {

    private Scenarios() {
    }

    /**
     * The baseline and cupnet contenders of {@code bench.scenario()}; {@code connections} may be capped.
     * The baseline is raw Netty, or gRPC for the scenarios of {@link Baseline#GRPC_SCENARIOS}.
     */
    static Contender[] contenders(BenchOptions bench, int connections) {
        return switch (bench.scenario()) {
            case "oneway" -> new Contender[] { onewayBaseline(bench), new CupnetOneway(bench, false) };
            case "listener" -> new Contender[] { new NettyOneway(bench), new CupnetOneway(bench, true) };
            case "needack" -> new Contender[] { new NettyNeedAck(bench), new CupnetNeedAck(bench) };
            case "rtt" -> new Contender[] { rttBaseline(bench), new CupnetRtt(bench) };
            case "connections" -> new Contender[] {
                new ConnectionsContender("baseline", BaselinePair.describe(bench, "server counts each connection's "
                        + "first read; clients in a child JVM"), () -> new NettyListeningNode(bench), connections,
                        bench.size()),
                new ConnectionsContender("cupnet", "one MessageCenter with its own "
                        + CupnetNodes.transportName(bench) + " event-loop group (" + bench.ioThreads()
                        + " I/O thread(s)) whose handler counts first frames; clients in a child JVM",
                        () -> new CupnetListeningNode(bench), connections, bench.size()) };
            case "peers" -> new Contender[] {
                new PeersContender("baseline", "raw Netty client with its own " + CupnetNodes.transportName(bench)
                        + " event-loop group (" + bench.ioThreads() + " I/O thread(s)), TCP_NODELAY, connecting to each "
                        + "peer and writing one length-prefixed frame once connected; peers listen in a child JVM",
                        () -> new NettyDialingNode(bench), connections),
                new PeersContender("cupnet", "one MessageCenter with its own " + CupnetNodes.transportName(bench)
                        + " event-loop group (" + bench.ioThreads() + " I/O thread(s)) sending one message to each "
                        + "peer, which opens the peer's outbound connection; peers listen in a child JVM",
                        () -> new CupnetDialingNode(bench), connections) };
            default -> throw new IllegalArgumentException("Unknown scenario " + bench.scenario());
        };
    }

    /** The Spring AMQP baseline and the cupnet contender of a broker scenario, both on {@code broker}. */
    static Contender[] brokerContenders(BenchOptions bench, AmqpBroker broker) {
        return new Contender[] { new SpringAmqpBaseline(bench, broker), new CupnetBrokerContender(bench, broker) };
    }

    private static Contender onewayBaseline(BenchOptions bench) {
        return bench.baseline().isGrpc() ? new GrpcOneway(bench) : new NettyOneway(bench);
    }

    private static Contender rttBaseline(BenchOptions bench) {
        return bench.baseline().isGrpc() ? new GrpcRtt(bench) : new NettyRtt(bench);
    }

}
