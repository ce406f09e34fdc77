package io.cupnet.internal.transport;

import java.util.concurrent.ThreadFactory;

import io.cupnet.TransportType;
import io.cupnet.options.SocketOptions;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import jdk.net.ExtendedSocketOptions;

/**
 * The Netty transport in use, epoll or NIO: event loops, channel classes and socket options.
 */
public final class NettyTransport {

    private final boolean epoll;

    private NettyTransport(boolean epoll) {
        this.epoll = epoll;
    }

    /**
     * Chooses the transport for a requested type.
     * @throws IllegalStateException when epoll is required but cannot load, with the cause
     */
    public static NettyTransport choose(TransportType type) {
        return switch (type) {
            case NIO -> new NettyTransport(false);
            case AUTO -> new NettyTransport(Epoll.isAvailable());
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException(
                            "Transport 'epoll' was requested but is unavailable on this machine; use 'auto' or 'nio'",
                            Epoll.unavailabilityCause());
                }
                yield new NettyTransport(true);
            }
        };
    }

    public boolean isEpoll() {
        return this.epoll;
    }

    public String name() {
        return this.epoll ? "epoll" : "nio";
    }

    /** A new event-loop group of this transport; 0 threads means Netty's default (twice the cores). */
    public EventLoopGroup newEventLoopGroup(int threads, String threadPrefix) {
        ThreadFactory threadFactory = new DefaultThreadFactory(threadPrefix, true);
        IoHandlerFactory ioHandler = this.epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandler);
    }

    public Class<? extends ServerSocketChannel> serverChannelClass() {
        return this.epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> channelClass() {
        return this.epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** Sets the options of an accepted or connected socket on a bootstrap ({@code childOption} for servers). */
    public void applySocketOptions(SocketOptions socket, OptionSetter setter) {
        setter.set(ChannelOption.TCP_NODELAY, socket.noDelay());
        setter.set(ChannelOption.SO_KEEPALIVE, socket.keepAlive());
        if (socket.linger() != null) {
            setter.set(ChannelOption.SO_LINGER, (int) socket.linger().toSeconds());
        }
        if (socket.keepAlive()) {
            applyKeepAliveTimings(socket, setter);
        }
        if (socket.quickAck()) {
            setter.set(this.epoll ? EpollChannelOption.TCP_QUICKACK : NioChannelOption.of(ExtendedSocketOptions.TCP_QUICKACK),
                    true);
        }
    }

    /** Sets the options of the listening socket. */
    public void applyServerOptions(SocketOptions socket, AbstractBootstrap<?, ?> bootstrap) {
        bootstrap.option(ChannelOption.SO_REUSEADDR, socket.reuseAddress());
        bootstrap.option(ChannelOption.SO_BACKLOG, socket.backlog());
    }

    private void applyKeepAliveTimings(SocketOptions socket, OptionSetter setter) {
        int idle = (int) socket.keepAliveIdle().toSeconds();
        int interval = (int) socket.keepAliveInterval().toSeconds();
        if (this.epoll) {
            setter.set(EpollChannelOption.TCP_KEEPIDLE, idle);
            setter.set(EpollChannelOption.TCP_KEEPINTVL, interval);
            setter.set(EpollChannelOption.TCP_KEEPCNT, socket.keepAliveCount());
        }
        else {
            setter.set(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), idle);
            setter.set(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), interval);
            setter.set(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), socket.keepAliveCount());
        }
    }

    /** Sets one channel option: {@code Bootstrap::option} or {@code ServerBootstrap::childOption}. */
    @FunctionalInterface
    public interface OptionSetter {

        <T> void set(ChannelOption<T> option, T value);

    }

}
