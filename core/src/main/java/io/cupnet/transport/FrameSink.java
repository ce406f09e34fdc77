package io.cupnet.transport;

import io.cupnet.wire.CupMessage;
import io.netty.channel.Channel;

/**
 * Receives every frame decoded on any connection, on that connection's I/O thread.
 */
@FunctionalInterface
interface FrameSink {

    /** Takes one decoded frame; must not block. */
    void onFrame(Channel channel, CupMessage frame);

}
