package io.cupnet.support;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.cupnet.PeerAddress;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

/** An {@link EmbeddedChannel} whose remote address is a real socket address, as error messages name it. */
public final class PeerChannel extends EmbeddedChannel {

    public static final InetSocketAddress PEER = PeerAddress.of("127.0.0.1", 51234).toSocketAddress();

    /** The remote address as it appears in error messages. */
    public static final String PEER_TEXT = "/127.0.0.1:51234";

    public PeerChannel(ChannelHandler... handlers) {
        super(handlers);
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return PEER;
    }
}
