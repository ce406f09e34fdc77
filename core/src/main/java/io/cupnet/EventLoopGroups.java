package io.cupnet;

import io.cupnet.internal.transport.NettyTransport;
import io.cupnet.options.TransportOptions;
import io.netty.channel.EventLoopGroup;

/**
 * Makes the I/O event loops a message center runs on, for an application that supplies them through option
 * {@code transport.eventLoopGroup}, to share them between centers or keep them across a restart.
 */
public final class EventLoopGroups {

    private EventLoopGroups() {
    }

    /**
     * A new event-loop group as a message center makes for itself: of the transport {@code transport.type()} chooses
     * (epoll when available for {@code AUTO}, else NIO), with {@code transport.ioThreads()} daemon threads. The
     * caller owns it and shuts it down once no center uses it.
     * @param transport the transport options; the group's own option is ignored
     * @param threadPrefix the prefix of the threads' names, such as {@code "cupnet-io"}
     * @throws IllegalStateException when epoll is required but cannot load
     */
    public static EventLoopGroup create(TransportOptions transport, String threadPrefix) {
        return NettyTransport.choose(transport.type()).newEventLoopGroup(transport.ioThreads(), threadPrefix);
    }

}
