package io.cupnet.internal.transport;

import java.util.concurrent.ThreadFactory;

import io.cupnet.TransportType;
import io.cupnet.options.SocketOptions;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
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
 *
 * <p>Epoll is optional: its classes ({@code netty-transport-classes-epoll}, which
 * {@code netty-transport-native-epoll} brings with its native library) may be absent, so this
 * class touches them only through {@link EpollSupport}, and only once they are known to be
 * on the class path.
 */
public final class NettyTransport {

    private static final String EPOLL_CLASS = "io.netty.channel.epoll.Epoll";

    private static final boolean EPOLL_CLASSES_PRESENT = isPresent(EPOLL_CLASS);

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
            case AUTO -> new NettyTransport(EPOLL_CLASSES_PRESENT && EpollSupport.isAvailable());
            case EPOLL -> {
                if (!EPOLL_CLASSES_PRESENT) {
                    throw new IllegalStateException("Transport 'epoll' was requested but Netty's epoll classes are "
                            + "not on the class path; add io.netty:netty-transport-native-epoll with the classifier "
                            + "of this machine (linux-x86_64 or linux-aarch_64), or use 'auto' or 'nio'");
                }
                if (!EpollSupport.isAvailable()) {
                    throw new IllegalStateException(
                            "Transport 'epoll' was requested but is unavailable on this machine; use 'auto' or 'nio'",
                            EpollSupport.unavailabilityCause());
                }
                yield new NettyTransport(true);
            }
        };
    }

    /**
     * The transport of a supplied event-loop group (option {@code transport.eventLoopGroup}): NIO or epoll, as its
     * I/O handler is.
     * @throws IllegalStateException when the group is shut down, runs neither NIO nor epoll, or is not of the
     * transport {@code type} asks for
     */
    public static NettyTransport of(EventLoopGroup group, TransportType type) {
        String supplied = "The event-loop group supplied with option transport.eventLoopGroup ("
                + group.getClass().getName() + ")";
        if (group.isShuttingDown()) {
            throw new IllegalStateException(supplied + " is shut down; supply a running group, and shut it down "
                    + "only after every message center that uses it has terminated");
        }
        boolean nio = group instanceof IoEventLoopGroup loops && loops.isIoType(NioIoHandler.class);
        boolean epoll = !nio && EPOLL_CLASSES_PRESENT && group instanceof IoEventLoopGroup loops
                && EpollSupport.isIoType(loops);
        if (!nio && !epoll) {
            throw new IllegalStateException(supplied + " runs neither NIO nor epoll; supply a "
                    + "MultiThreadIoEventLoopGroup made with NioIoHandler.newFactory() or EpollIoHandler.newFactory()");
        }
        if ((type == TransportType.NIO && epoll) || (type == TransportType.EPOLL && nio)) {
            throw new IllegalStateException(supplied + " runs " + (nio ? "nio" : "epoll") + ", but option "
                    + "transport.type is " + type + "; set transport.type to AUTO or to the group's transport");
        }
        return new NettyTransport(epoll);
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, NettyTransport.class.getClassLoader());
            return true;
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
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
        IoHandlerFactory ioHandler = this.epoll ? EpollSupport.ioHandlerFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandler);
    }

    public Class<? extends ServerSocketChannel> serverChannelClass() {
        return this.epoll ? EpollSupport.serverChannelClass() : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> channelClass() {
        return this.epoll ? EpollSupport.channelClass() : NioSocketChannel.class;
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
            setter.set(this.epoll ? EpollSupport.quickAck() : NioChannelOption.of(ExtendedSocketOptions.TCP_QUICKACK),
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
            setter.set(EpollSupport.keepIdle(), idle);
            setter.set(EpollSupport.keepInterval(), interval);
            setter.set(EpollSupport.keepCount(), socket.keepAliveCount());
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
