package io.cupnet.internal.transport;

import io.netty.channel.ChannelOption;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;

/**
 * Every use of Netty's epoll classes, kept out of {@link NettyTransport} so that it loads and
 * runs NIO when {@code netty-transport-classes-epoll} is not on the class path: this class is
 * loaded only once {@link NettyTransport} has found the epoll classes present.
 */
final class EpollSupport {

    private EpollSupport() {
    }

    static boolean isAvailable() {
        return Epoll.isAvailable();
    }

    static Throwable unavailabilityCause() {
        return Epoll.unavailabilityCause();
    }

    static IoHandlerFactory ioHandlerFactory() {
        return EpollIoHandler.newFactory();
    }

    /** Whether a group's event loops run epoll. */
    static boolean isIoType(IoEventLoopGroup group) {
        return group.isIoType(EpollIoHandler.class);
    }

    static Class<? extends ServerSocketChannel> serverChannelClass() {
        return EpollServerSocketChannel.class;
    }

    static Class<? extends SocketChannel> channelClass() {
        return EpollSocketChannel.class;
    }

    static ChannelOption<Boolean> quickAck() {
        return EpollChannelOption.TCP_QUICKACK;
    }

    static ChannelOption<Integer> keepIdle() {
        return EpollChannelOption.TCP_KEEPIDLE;
    }

    static ChannelOption<Integer> keepInterval() {
        return EpollChannelOption.TCP_KEEPINTVL;
    }

    static ChannelOption<Integer> keepCount() {
        return EpollChannelOption.TCP_KEEPCNT;
    }

}
