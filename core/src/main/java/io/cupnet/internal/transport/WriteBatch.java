package io.cupnet.internal.transport;

import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.internal.wire.CupFrameBatch;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

/**
 * Frames a peer connection writes together: one buffer, one write and one promise for up
 * to {@link #MAX_FRAMES} frames or about {@link #MAX_BYTES} bytes, after at most one run of
 * acks. It is also the write's listener, so a batch allocates no callback.
 */
public final class WriteBatch implements CupFrameBatch, ChannelFutureListener {

    /** The most frames in one batch. */
    static final int MAX_FRAMES = 64;

    /** A batch takes no more frames once it holds this many bytes; a single larger frame is a batch of its own. */
    static final int MAX_BYTES = 32 * 1024;

    private final PeerConnection peer;

    private final OutboundAcks acks;

    private final OutboundMessage[] messages = new OutboundMessage[MAX_FRAMES];

    private int count;

    private int bytes;

    /** A batch that writes {@code acks} (none when {@code null}) before the frames it is given. */
    WriteBatch(PeerConnection peer, OutboundAcks acks) {
        this.peer = peer;
        this.acks = acks;
        this.bytes = (acks != null) ? acks.bytes() : 0;
    }

    boolean isFull() {
        return this.count == MAX_FRAMES || this.bytes >= MAX_BYTES;
    }

    boolean isEmpty() {
        return this.count == 0 && this.acks == null;
    }

    void add(OutboundMessage message) {
        this.messages[this.count++] = message;
        this.bytes += message.message().frameLength(false);
    }

    OutboundMessage message(int index) {
        return this.messages[index];
    }

    /** The acks written before the frames, {@code null} for none. */
    OutboundAcks acks() {
        return this.acks;
    }

    /** Bytes of the acks and frames, any head excluded. */
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
    public int ackCount() {
        return (this.acks != null) ? this.acks.count() : 0;
    }

    @Override
    public PeerAddress ackFrom(int index) {
        return this.acks.ackFrom(index);
    }

    @Override
    public PeerAddress ackTo(int index) {
        return this.acks.ackTo();
    }

    @Override
    public long ackUniqIdHigh(int index) {
        return this.acks.uniqIdHigh(index);
    }

    @Override
    public long ackUniqIdLow(int index) {
        return this.acks.uniqIdLow(index);
    }

    @Override
    public void operationComplete(ChannelFuture write) {
        this.peer.onWritten(this, write);
    }

}
