package io.cupnet.bench.grpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.cupnet.CupnetNodes;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The gRPC baseline's two nodes, laid out as the raw-Netty baseline's: a server and a client
 * channel, each with its own event-loop group of gRPC's shaded Netty, of the same transport as
 * cupnet (epoll or NIO) and with as many threads, over loopback with TCP_NODELAY.
 */
final class GrpcPair implements AutoCloseable {

    private final boolean epoll;

    private final GrpcSettings settings;

    private final EventLoopGroup serverGroup;

    private final EventLoopGroup clientGroup;

    private Server server;

    private ManagedChannel channel;

    /** Creates the event-loop groups; {@link #start} starts the nodes. */
    GrpcPair(BenchOptions bench) {
        this.epoll = CupnetNodes.transportName(bench).equals("epoll");
        if (this.epoll && !Epoll.isAvailable()) {
            throw new IllegalStateException("cupnet runs on epoll but gRPC's shaded Netty cannot load it",
                    Epoll.unavailabilityCause());
        }
        this.settings = new GrpcSettings(bench.baseline());
        this.serverGroup = newGroup(bench.ioThreads(), "grpc-server");
        this.clientGroup = newGroup(bench.ioThreads(), "grpc-client");
    }

    /** Describes the threads and settings for the report. */
    static String describe(BenchOptions bench, String load) {
        return new GrpcSettings(bench.baseline()).describe() + "; client and server each with its own "
                + CupnetNodes.transportName(bench) + " event-loop group (" + bench.ioThreads()
                + " I/O thread(s)), TCP_NODELAY; " + load;
    }

    /** The settings in force. */
    GrpcSettings settings() {
        return this.settings;
    }

    /**
     * Starts the server with {@code service} and creates the client's channel to it.
     * @return the channel, which connects on its first call
     */
    ManagedChannel start(ServerServiceDefinition service) throws IOException {
        this.server = this.settings.server(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .bossEventLoopGroup(this.serverGroup)
            .workerEventLoopGroup(this.serverGroup)
            .channelType(serverChannelClass())
            .withChildOption(ChannelOption.TCP_NODELAY, true)
            .addService(service)).build().start();
        this.channel = this.settings.channel(NettyChannelBuilder
            .forAddress(new InetSocketAddress("127.0.0.1", this.server.getPort()))
            .eventLoopGroup(this.clientGroup)
            .channelType(channelClass())
            .withOption(ChannelOption.TCP_NODELAY, true)
            .usePlaintext()).build();
        return this.channel;
    }

    private EventLoopGroup newGroup(int threads, String prefix) {
        IoHandlerFactory handler = this.epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(prefix, true), handler);
    }

    private Class<? extends ServerChannel> serverChannelClass() {
        return this.epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    private Class<? extends Channel> channelClass() {
        return this.epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    @Override
    public void close() {
        try {
            if (this.channel != null) {
                this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            if (this.server != null) {
                this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            this.clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            this.serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

}
