package io.cupnet.bench.netty;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * The baseline's decoder: splits the stream into frames that start with a 4-byte big-endian length
 * (which counts itself), skips them and reports how many complete frames each read brought.
 * It emits no objects: the plain minimum a raw-Netty receiver does.
 */
public final class FrameCounter extends ByteToMessageDecoder {

    private final Listener listener;

    /** Creates a counter that reports frames to {@code listener}. */
    public FrameCounter(Listener listener) {
        this.listener = listener;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int frames = 0;
        while (in.readableBytes() >= Integer.BYTES) {
            int length = in.getInt(in.readerIndex());
            if (in.readableBytes() < length) {
                break;
            }
            in.skipBytes(length);
            frames++;
        }
        if (frames > 0) {
            this.listener.onFrames(ctx, frames);
        }
    }

    /** Hears of complete frames, on the channel's event loop. */
    @FunctionalInterface
    public interface Listener {

        /** {@code frames} complete frames arrived on {@code ctx}'s channel. */
        void onFrames(ChannelHandlerContext ctx, int frames);

    }

}
