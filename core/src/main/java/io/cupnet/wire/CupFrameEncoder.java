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
 * {@code from} and {@code uniqId}.
 */
public class CupFrameEncoder extends MessageToByteEncoder<CupMessage> {

    private boolean headWritten;

    /** Creates an encoder for one channel. */
    public CupFrameEncoder() {
        super(CupMessage.class);
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
        msg.uniqId().write(out);
        out.writeBytes(msg.body());
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, CupMessage msg, boolean preferDirect) {
        requireSendable(msg);
        int length = msg.frameLength(!headWritten);
        return preferDirect ? ctx.alloc().ioBuffer(length) : ctx.alloc().heapBuffer(length);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CupMessage msg, ByteBuf out) {
        encode(msg, !headWritten, out);
        headWritten = true;
    }

    private static void requireSendable(CupMessage msg) {
        if (msg.from() == null) {
            throw new IllegalArgumentException("Cannot encode a message without 'from': " + msg);
        }
        if (msg.uniqId() == null) {
            throw new IllegalArgumentException("Cannot encode a message without 'uniqId': " + msg);
        }
    }
}
