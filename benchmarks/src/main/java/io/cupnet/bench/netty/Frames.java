package io.cupnet.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes the baseline's frames: a 4-byte length that counts the whole frame, then the body,
 * copied into a fresh buffer per frame as any encoder would.
 */
public final class Frames {

    /** The size of the baseline's ack frame: the size of a cupnet ack frame (64-byte header, body "0"). */
    public static final int ACK_FRAME_SIZE = 65;

    private Frames() {
    }

    /** A body that makes a baseline frame of {@code frameSize} bytes. */
    public static byte[] body(int frameSize) {
        byte[] body = new byte[frameSize - Integer.BYTES];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        return body;
    }

    /** A frame holding {@code body}, in a buffer from {@code alloc}. */
    public static ByteBuf frame(ByteBufAllocator alloc, byte[] body) {
        int length = Integer.BYTES + body.length;
        ByteBuf frame = alloc.ioBuffer(length);
        frame.writeInt(length);
        frame.writeBytes(body);
        return frame;
    }

}
