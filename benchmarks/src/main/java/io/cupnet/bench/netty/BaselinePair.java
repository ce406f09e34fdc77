package io.cupnet.bench.netty;

import java.util.function.Supplier;

import io.cupnet.bench.BenchOptions;
import io.cupnet.internal.transport.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;

/**
 * The raw-Netty baseline's two nodes: a server and a client, each with its own event-loop group of
 * the same transport as cupnet, connected over loopback with TCP_NODELAY.
 */
public final class BaselinePair implements AutoCloseable {

    private final NettyTransport transport;

    private final EventLoopGroup serverGroup;

    private final EventLoopGroup clientGroup;

    private Channel server;

    private Channel client;

    /** Creates the event-loop groups; {@link #connect} starts the nodes. */
    public BaselinePair(BenchOptions bench) {
        this.transport = NettyTransport.choose(bench.transport());
        this.serverGroup = this.transport.newEventLoopGroup(bench.ioThreads(), "baseline-server");
        this.clientGroup = this.transport.newEventLoopGroup(bench.ioThreads(), "baseline-client");
    }

    /** Describes the threads for the report. */
    public static String describe(BenchOptions bench, String load) {
        String name = NettyTransport.choose(bench.transport()).name();
        return "raw Netty: client and server each with its own " + name + " event-loop group (" + bench.ioThreads()
                + " I/O thread(s)), length-prefixed frames, no handler thread; " + load;
    }

    /**
     * Binds the server and connects the client.
     * @param serverHandler a new handler for each accepted connection
     * @param clientHandler the client connection's handler
     * @return the client channel
     */
    public Channel connect(Supplier<ChannelHandler> serverHandler, ChannelHandler clientHandler) {
        this.server = new ServerBootstrap().group(this.serverGroup)
            .channel(this.transport.serverChannelClass())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(initializer(serverHandler))
            .bind("127.0.0.1", 0)
            .syncUninterruptibly()
            .channel();
        this.client = new Bootstrap().group(this.clientGroup)
            .channel(this.transport.channelClass())
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(clientHandler)
            .connect(this.server.localAddress())
            .syncUninterruptibly()
            .channel();
        return this.client;
    }

    /** The server channel, to learn its port. */
    public Channel server() {
        return this.server;
    }

    private static ChannelInitializer<Channel> initializer(Supplier<ChannelHandler> handler) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(handler.get());
            }
        };
    }

    @Override
    public void close() {
        if (this.client != null) {
            this.client.close().syncUninterruptibly();
        }
        if (this.server != null) {
            this.server.close().syncUninterruptibly();
        }
        this.clientGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        this.serverGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

}
