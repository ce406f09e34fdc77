package io.cupnet.transport;

import io.cupnet.wire.CupFrameBatch;
import io.cupnet.wire.CupMessage;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

/**
 * Frames a peer connection writes together: one buffer, one write and one promise for up
 * to {@link #MAX_FRAMES} frames or about {@link #MAX_BYTES} bytes. It is also the write's
 * listener, so a batch allocates no callback.
 */
final class WriteBatch implements CupFrameBatch, ChannelFutureListener {

    /** The most frames in one batch. */
    static final int MAX_FRAMES = 64;

    /** A batch takes no more frames once it holds this many bytes; a single larger frame is a batch of its own. */
    static final int MAX_BYTES = 32 * 1024;

    private final PeerConnection peer;

    private final OutboundMessage[] messages = new OutboundMessage[MAX_FRAMES];

    private int count;

    private int bytes;

    WriteBatch(PeerConnection peer) {
        this.peer = peer;
    }

    boolean isFull() {
        return this.count == MAX_FRAMES || this.bytes >= MAX_BYTES;
    }

    boolean isEmpty() {
        return this.count == 0;
    }

    void add(OutboundMessage message) {
        this.messages[this.count++] = message;
        this.bytes += message.message().frameLength(false);
    }

    OutboundMessage message(int index) {
        return this.messages[index];
    }

    /** Bytes of the frames, any head excluded. */
    int bytes() {
        return this.bytes;
    }

    @Override
    public int frameCount() {
        return this.count;
    }

    @Override
    public CupMessage frame(int index) {
        return this.messages[index].message();
    }

    @Override
    public void operationComplete(ChannelFuture write) {
        this.peer.onWritten(this, write);
    }

}
