package io.cupnet.bench.connections;

import java.util.concurrent.TimeUnit;

import io.cupnet.bench.BenchOptions;
import io.cupnet.bench.netty.Frames;
import io.cupnet.internal.transport.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The baseline of the peers scenario: a raw Netty client that connects to each peer and, once
 * connected, writes one length-prefixed frame.
 */
public final class NettyDialingNode extends DialingNode {

    private final EventLoopGroup group;

    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    private final Bootstrap bootstrap;

    private final byte[] body;

    /** Starts the node. */
    public NettyDialingNode(BenchOptions bench) {
        NettyTransport transport = NettyTransport.choose(bench.transport());
        this.group = transport.newEventLoopGroup(bench.ioThreads(), "baseline-client");
        this.body = Frames.body(bench.size());
        this.bootstrap = new Bootstrap().group(this.group)
            .channel(transport.channelClass())
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new FirstFrameWriter());
    }

    @Override
    public void dial(int[] ports) {
        for (int port : ports) {
            this.bootstrap.connect("127.0.0.1", port).addListener(this::onConnected);
        }
    }

    private void onConnected(Future<?> future) {
        if (!future.isSuccess()) {
            onDone(future.cause());
        }
    }

    @Override
    public void close() {
        this.channels.close().syncUninterruptibly();
        this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Writes the frame once the connection is up, and counts it once written. */
    @ChannelHandler.Sharable
    private final class FirstFrameWriter extends ChannelInboundHandlerAdapter {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel channel = ctx.channel();
            NettyDialingNode.this.channels.add(channel);
            channel.writeAndFlush(Frames.frame(ctx.alloc(), NettyDialingNode.this.body))
                .addListener((future) -> onDone(future.cause()));
            ctx.fireChannelActive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            onDone(cause);
            ctx.close();
        }

    }

}
