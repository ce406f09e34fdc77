package io.cupnet.bench.connections;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.cupnet.bench.BenchOptions;
import io.cupnet.internal.transport.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The baseline of the connections scenario: a raw Netty server with one handler per connection that
 * counts the connection's first read and releases what it reads.
 */
public final class NettyListeningNode implements ListeningNode {

    private final AtomicLong frames = new AtomicLong();

    private final EventLoopGroup group;

    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    private final Channel server;

    /** Starts the node. */
    public NettyListeningNode(BenchOptions bench) {
        NettyTransport transport = NettyTransport.choose(bench.transport());
        this.group = transport.newEventLoopGroup(bench.ioThreads(), "baseline-server");
        this.server = new ServerBootstrap().group(this.group)
            .channel(transport.serverChannelClass())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel channel) {
                    NettyListeningNode.this.channels.add(channel);
                    channel.pipeline().addLast(new FirstReadCounter());
                }
            })
            .bind("127.0.0.1", 0)
            .syncUninterruptibly()
            .channel();
    }

    @Override
    public int port() {
        return ((InetSocketAddress) this.server.localAddress()).getPort();
    }

    @Override
    public long frames() {
        return this.frames.get();
    }

    @Override
    public void close() {
        this.server.close().syncUninterruptibly();
        this.channels.close().syncUninterruptibly();
        this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Counts a connection once, on its first read. */
    private final class FirstReadCounter extends ChannelInboundHandlerAdapter {

        private boolean counted;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            if (!this.counted) {
                this.counted = true;
                NettyListeningNode.this.frames.incrementAndGet();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // The clients close with a reset (SO_LINGER 0): expected, not worth a log line.
            ctx.close();
        }

    }

}
