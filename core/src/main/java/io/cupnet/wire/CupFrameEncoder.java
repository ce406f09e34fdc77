package io.cupnet.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes {@link CupMessage}s as CUP012-3 frames, the head only before the first frame of the channel.
 *
 * <pre>
 * +----------+------+-----+------+----+------+---------+------+
 * | CUP012-3 | flag | len | from | to | type | uniq_id | body |   first frame of the channel
 * +----------+------+-----+------+----+------+---------+------+
 *            |  4   |  8  |  16  | 16 |  4   |   16    |  n   |   every later frame: no head
 *            +------+-----+------+----+------+---------+------+
 * </pre>
 * All integers are little-endian; {@code len} counts the whole frame, head included when present.
 * One instance per channel: it remembers whether the head was written. Messages must carry
 * {@code from} and {@code uniqId}. A {@link CupFrameBatch} is written as its frames, one
 * after another, into a single buffer.
 */
public class CupFrameEncoder extends MessageToByteEncoder<Object> {

    private boolean headWritten;

    /** Creates an encoder for one channel. */
    public CupFrameEncoder() {
        super(Object.class);
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof CupMessage || msg instanceof CupFrameBatch;
    }

    /**
     * Writes {@code msg} as one frame to {@code out}, preceded by the head when {@code withHead}.
     *
     * @throws IllegalArgumentException when {@code from} or {@code uniqId} is missing
     */
    public static void encode(CupMessage msg, boolean withHead, ByteBuf out) {
        requireSendable(msg);
        if (withHead) {
            out.writeBytes(CupMessage.HEAD);
        }
        out.writeIntLE(msg.flags());
        out.writeLongLE(msg.frameLength(withHead));
        msg.from().write(out);
        msg.to().write(out);
        out.writeIntLE(msg.type());
        msg.writeUniqId(out);
        out.writeBytes(msg.body());
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Object msg, boolean preferDirect) {
        int length;
        if (msg instanceof CupFrameBatch batch) {
            length = 0;
            for (int i = 0; i < batch.frameCount(); i++) {
                length += sendableLength(batch.frame(i), i == 0);
            }
        }
        else {
            length = sendableLength((CupMessage) msg, true);
        }
        return preferDirect ? ctx.alloc().ioBuffer(length) : ctx.alloc().heapBuffer(length);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
        if (msg instanceof CupFrameBatch batch) {
            for (int i = 0; i < batch.frameCount(); i++) {
                encodeNext(batch.frame(i), out);
            }
        }
        else {
            encodeNext((CupMessage) msg, out);
        }
    }

    private void encodeNext(CupMessage msg, ByteBuf out) {
        encode(msg, !headWritten, out);
        headWritten = true;
    }

    /** The bytes {@code msg} takes, head included when it is the first of the call and no head was written yet. */
    private int sendableLength(CupMessage msg, boolean first) {
        requireSendable(msg);
        return msg.frameLength(first && !headWritten);
    }

    private static void requireSendable(CupMessage msg) {
        if (msg.from() == null) {
            throw new IllegalArgumentException("Cannot encode a message without 'from': " + msg);
        }
        if (!msg.hasUniqId()) {
            throw new IllegalArgumentException("Cannot encode a message without 'uniqId': " + msg);
        }
    }
}
