package io.cupnet.wire;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** An {@link EmbeddedChannel} whose remote address is a real socket address, as error messages name it. */
final class PeerChannel extends EmbeddedChannel {

    static final InetSocketAddress PEER = PeerAddress.of("127.0.0.1", 51234).toSocketAddress();

    /** The remote address as it appears in error messages. */
    static final String PEER_TEXT = "/127.0.0.1:51234";

    PeerChannel(ChannelHandler... handlers) {
        super(handlers);
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return PEER;
    }
}
