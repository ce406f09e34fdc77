package io.cupnet.internal.wire;

import io.cupnet.CupMessage;
import io.cupnet.MessageTypes;
import io.cupnet.PeerAddress;
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
 * {@code from} and {@code uniqId}. A {@link CupFrameBatch} is written as its acks and then its
 * frames, one after another, into a single buffer.
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
            out.writeBytes(CupWire.HEAD);
        }
        out.writeIntLE(msg.flags());
        out.writeLongLE(msg.frameLength(withHead));
        msg.from().write(out);
        msg.to().write(out);
        out.writeIntLE(msg.type());
        out.writeLongLE(msg.uniqIdLow());
        out.writeLongLE(msg.uniqIdHigh());
        out.writeBytes(msg.body());
    }

    /**
     * Writes the ack of the need-ack frame {@code acked} to {@code out}, preceded by the head when
     * {@code withHead}: the bytes of {@code encode(acked.ackFrame(), withHead, out)}, without the ack's message.
     *
     * @throws IllegalArgumentException when {@code acked} lacks {@code from}, {@code to} or {@code uniqId}
     */
    public static void encodeAck(CupMessage acked, boolean withHead, ByteBuf out) {
        requireAckable(acked);
        encodeAck(acked.to(), acked.from(), acked.uniqIdHigh(), acked.uniqIdLow(), withHead, out);
    }

    /**
     * Writes an ack from {@code from} to {@code to} of the message with the given uniq id, preceded by the
     * head when {@code withHead}.
     */
    public static void encodeAck(PeerAddress from, PeerAddress to, long uniqIdHigh, long uniqIdLow, boolean withHead,
            ByteBuf out) {
        if (withHead) {
            out.writeBytes(CupWire.HEAD);
        }
        out.writeIntLE(CupWire.ACK_FLAGS);
        out.writeLongLE(ackLength(withHead));
        from.write(out);
        to.write(out);
        out.writeIntLE(MessageTypes.ACK_OK);
        out.writeLongLE(uniqIdLow);
        out.writeLongLE(uniqIdHigh);
        out.writeBytes(CupWire.ACK_BODY);
    }

    /** The bytes an ack takes on the wire, the head included when {@code withHead}. */
    public static int ackLength(boolean withHead) {
        return (withHead ? CupMessage.HEAD_LENGTH : 0) + CupMessage.HEADER_LENGTH + CupWire.ACK_BODY.length;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Object msg, boolean preferDirect) {
        int length;
        if (msg instanceof CupFrameBatch batch) {
            length = batchLength(batch);
        }
        else {
            length = sendableLength((CupMessage) msg, !headWritten);
        }
        return preferDirect ? ctx.alloc().ioBuffer(length) : ctx.alloc().heapBuffer(length);
    }

    /** The bytes a batch takes: its acks and frames, and the head before them unless it was written. */
    private int batchLength(CupFrameBatch batch) {
        int length = headWritten ? 0 : CupMessage.HEAD_LENGTH;
        for (int i = 0; i < batch.ackCount(); i++) {
            if (batch.ackFrom(i) == null || batch.ackTo(i) == null) {
                throw new IllegalArgumentException("Cannot acknowledge a message without 'from' and 'to'");
            }
            length += ackLength(false);
        }
        for (int i = 0; i < batch.frameCount(); i++) {
            length += sendableLength(batch.frame(i), false);
        }
        return length;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
        if (msg instanceof CupFrameBatch batch) {
            for (int i = 0; i < batch.ackCount(); i++) {
                encodeAck(batch.ackFrom(i), batch.ackTo(i), batch.ackUniqIdHigh(i), batch.ackUniqIdLow(i),
                        !headWritten, out);
                headWritten = true;
            }
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

    /** The bytes {@code msg} takes, the head included when {@code withHead}. */
    private static int sendableLength(CupMessage msg, boolean withHead) {
        requireSendable(msg);
        return msg.frameLength(withHead);
    }

    private static void requireAckable(CupMessage acked) {
        if (acked.from() == null || acked.to() == null) {
            throw new IllegalArgumentException("Cannot acknowledge a message without 'from' and 'to': " + acked);
        }
        if (!acked.hasUniqId()) {
            throw new IllegalArgumentException("Cannot acknowledge a message without 'uniqId': " + acked);
        }
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
