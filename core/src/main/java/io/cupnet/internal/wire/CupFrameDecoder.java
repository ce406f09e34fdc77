package io.cupnet.internal.wire;

import java.net.SocketAddress;
import java.util.List;

import io.cupnet.CorruptedFrameException.Reason;
import io.cupnet.CorruptedFrameException;
import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import static io.cupnet.CupMessage.HEADER_LENGTH;
import static io.cupnet.CupMessage.HEAD_LENGTH;
import static io.cupnet.internal.wire.CupWire.HEAD;

/**
 * Reads CUP012-3 frames from a channel and emits one {@link CupMessage} per frame, or, when
 * made to batch reads, one {@link DecodedFrames} per read with every frame that read completed.
 *
 * <pre>
 * +----------+------+-----+------+----+------+---------+------+
 * | CUP012-3 | flag | len | from | to | type | uniq_id | body |   first frame of the channel
 * +----------+------+-----+------+----+------+---------+------+
 *            |  4   |  8  |  16  | 16 |  4   |   16    |  n   |   every later frame: no head
 *            +------+-----+------+----+------+---------+------+
 * </pre>
 * All integers are little-endian; {@code len} counts the whole frame, head included when present.
 *
 * <p>The head is checked byte by byte as it arrives, and {@code len} is checked against the header
 * size and the maximum frame length before any body byte is awaited. A violation throws
 * {@link CorruptedFrameException} once; from then on the decoder discards whatever the channel
 * delivers, and closing the channel is left to the handler that catches the exception.
 * One instance per channel; it reuses the previous frame's {@code from} and {@code to} objects when a frame
 * repeats them, so a steady stream allocates only the message and its body (and, batching reads,
 * one list per read).
 */
public class CupFrameDecoder extends ByteToMessageDecoder {

    /** The default maximum frame length, 16 MiB. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

    /** Bytes from the start of a frame (after any head) to the end of its {@code len} field. */
    private static final int LENGTH_FIELD_END = 12;
    private static final int LENGTH_FIELD_OFFSET = 4;

    /** Frames from this size on are gathered from their reads without copying them into one buffer first. */
    private static final int LARGE_FRAME = 16 * 1024;

    private final int maxFrameLength;
    private final boolean batchReads;
    private boolean headExpected = true;
    private boolean failed;
    private PeerAddress lastFrom;
    private PeerAddress lastTo;

    /** Creates a decoder that accepts frames of at most {@link #DEFAULT_MAX_FRAME_LENGTH} bytes. */
    public CupFrameDecoder() {
        this(DEFAULT_MAX_FRAME_LENGTH);
    }

    /** Creates a decoder that accepts frames of at most {@code maxFrameLength} bytes, head included. */
    public CupFrameDecoder(int maxFrameLength) {
        this(maxFrameLength, false);
    }

    /**
     * Creates a decoder that accepts frames of at most {@code maxFrameLength} bytes, head included.
     * @param batchReads whether to emit one {@link DecodedFrames} per read instead of one message per frame
     */
    public CupFrameDecoder(int maxFrameLength, boolean batchReads) {
        int smallest = HEAD_LENGTH + HEADER_LENGTH;
        if (maxFrameLength <= smallest) {
            throw new IllegalArgumentException("Maximum frame length " + maxFrameLength + " must exceed " + smallest);
        }
        this.maxFrameLength = maxFrameLength;
        this.batchReads = batchReads;
    }

    /** The largest frame this decoder accepts, in bytes, head included. */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * Reads one complete frame at the reader index of {@code in}, which must hold all of it; a head is
     * expected when {@code withHead}. For tests and benchmarks: the channel decoder streams instead.
     *
     * @throws CorruptedFrameException when the head or the length is wrong or the frame is incomplete
     */
    public static CupMessage decodeFrame(ByteBuf in, boolean withHead) {
        int headLength = withHead ? HEAD_LENGTH : 0;
        if (in.readableBytes() < headLength + LENGTH_FIELD_END) {
            throw new CorruptedFrameException(Reason.TRUNCATED,
                    "Buffer holds " + in.readableBytes() + " bytes, fewer than the header's " + (headLength + HEADER_LENGTH));
        }
        if (withHead && !matchesHead(in, HEAD_LENGTH)) {
            throw new CorruptedFrameException(Reason.BAD_HEAD, "Frame starts with bytes 0x"
                    + ByteBufUtil.hexDump(in, in.readerIndex(), HEAD_LENGTH) + ", not head CUP012-3");
        }
        long length = lengthField(in, headLength);
        if (Long.compareUnsigned(length, headLength + HEADER_LENGTH) < 0) {
            throw new CorruptedFrameException(Reason.SHORT_LENGTH, shortLengthMessage(length, headLength));
        }
        if (Long.compareUnsigned(length, in.readableBytes()) > 0) {
            throw new CorruptedFrameException(Reason.TRUNCATED,
                    "Frame length " + Long.toUnsignedString(length) + " exceeds the " + in.readableBytes() + " bytes buffered");
        }
        return readFrame(in, headLength, (int) length, null, null);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        CupMessage frame = nextFrame(ctx, in);
        if (frame == null) {
            return;
        }
        if (!batchReads) {
            out.add(frame);
            return;
        }
        // In the output before the next frame is read, so that the frames before a corrupt one still go on.
        // Sized for frames as long as the first, so that a read of like frames fills it without growing it.
        DecodedFrames frames = new DecodedFrames(1 + in.readableBytes() / frame.frameLength(false));
        out.add(frames);
        do {
            frames.add(frame);
            frame = nextFrame(ctx, in);
        }
        while (frame != null);
    }

    /** The next whole frame in {@code in}, or {@code null} when it has not all arrived. */
    private CupMessage nextFrame(ChannelHandlerContext ctx, ByteBuf in) {
        if (headExpected && !headArrived(ctx, in)) {
            return null;
        }
        int headLength = headExpected ? HEAD_LENGTH : 0;
        if (in.readableBytes() < headLength + LENGTH_FIELD_END) {
            return null;
        }
        int frameLength = checkedFrameLength(ctx, in, headLength);
        if (in.readableBytes() < frameLength) {
            // A large frame arrives over many reads: gather them without copying until it is whole.
            setCumulator(frameLength >= LARGE_FRAME ? COMPOSITE_CUMULATOR : MERGE_CUMULATOR);
            return null;
        }
        CupMessage frame = readFrame(in, headLength, frameLength, lastFrom, lastTo);
        lastFrom = frame.from();
        lastTo = frame.to();
        headExpected = false;
        return frame;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed && in.isReadable()) {
            int before = in.readableBytes();
            decode(ctx, in, out);
            if (in.readableBytes() == before) {
                throw failOnTruncation(ctx, in);
            }
        }
        in.skipBytes(in.readableBytes());
    }

    /** Whether the whole head has arrived; throws as soon as the bytes received so far differ from it. */
    private boolean headArrived(ChannelHandlerContext ctx, ByteBuf in) {
        int available = Math.min(in.readableBytes(), HEAD_LENGTH);
        if (!matchesHead(in, available)) {
            throw failOnBadHead(ctx, in, available);
        }
        return available == HEAD_LENGTH;
    }

    /** Whether the first {@code count} readable bytes equal the first {@code count} bytes of the head. */
    private static boolean matchesHead(ByteBuf in, int count) {
        int start = in.readerIndex();
        for (int i = 0; i < count; i++) {
            if (in.getByte(start + i) != HEAD[i]) {
                return false;
            }
        }
        return true;
    }

    /** The {@code len} field, once it is known to lie between the header size and the maximum. */
    private int checkedFrameLength(ChannelHandlerContext ctx, ByteBuf in, int headLength) {
        long length = lengthField(in, headLength);
        if (Long.compareUnsigned(length, headLength + HEADER_LENGTH) < 0) {
            throw failOnShortLength(ctx, in, length, headLength);
        }
        if (Long.compareUnsigned(length, maxFrameLength) > 0) {
            throw failOnOversize(ctx, in, length);
        }
        return (int) length;
    }

    private static long lengthField(ByteBuf in, int headLength) {
        return in.getLongLE(in.readerIndex() + headLength + LENGTH_FIELD_OFFSET);
    }

    /** Reads one frame, reusing {@code previousFrom} and {@code previousTo} when its addresses are theirs. */
    private static CupMessage readFrame(ByteBuf in, int headLength, int frameLength, PeerAddress previousFrom,
            PeerAddress previousTo) {
        in.skipBytes(headLength);
        int flags = in.readIntLE();
        in.skipBytes(Long.BYTES);
        PeerAddress from = PeerAddress.read(in, previousFrom);
        PeerAddress to = PeerAddress.read(in, previousTo);
        int type = in.readIntLE();
        long uniqIdLow = in.readLongLE();
        long uniqIdHigh = in.readLongLE();
        byte[] body = readBody(in, frameLength - headLength - HEADER_LENGTH);
        return CupMessage.decoded(flags, from, to, type, uniqIdHigh, uniqIdLow, body);
    }

    /** Reads a body; {@code "0"}, which every CUP ack carries, is one shared array, so an ack allocates none. */
    private static byte[] readBody(ByteBuf in, int length) {
        if (length == 1 && in.getByte(in.readerIndex()) == CupWire.ACK_BODY[0]) {
            in.skipBytes(1);
            return CupWire.ACK_BODY;
        }
        byte[] body = new byte[length];
        in.readBytes(body);
        return body;
    }

    private CorruptedFrameException failOnBadHead(ChannelHandlerContext ctx, ByteBuf in, int available) {
        String received = ByteBufUtil.hexDump(in, in.readerIndex(), available);
        return fail(ctx, in, Reason.BAD_HEAD,
                "Connection starts with bytes 0x" + received + ", not head CUP012-3 (0x" + ByteBufUtil.hexDump(HEAD) + ")");
    }

    private CorruptedFrameException failOnShortLength(ChannelHandlerContext ctx, ByteBuf in, long length, int headLength) {
        return fail(ctx, in, Reason.SHORT_LENGTH, shortLengthMessage(length, headLength));
    }

    private CorruptedFrameException failOnOversize(ChannelHandlerContext ctx, ByteBuf in, long length) {
        return fail(ctx, in, Reason.OVERSIZE,
                "Frame length " + Long.toUnsignedString(length) + " exceeds maximum " + maxFrameLength,
                "; raise option transport.maxFrameSize if such frames are legitimate");
    }

    private CorruptedFrameException failOnTruncation(ChannelHandlerContext ctx, ByteBuf in) {
        int headLength = headExpected ? HEAD_LENGTH : 0;
        boolean lengthKnown = in.readableBytes() >= headLength + LENGTH_FIELD_END;
        String expected = lengthKnown
                ? Long.toUnsignedString(lengthField(in, headLength))
                : "at least " + (headLength + HEADER_LENGTH);
        return fail(ctx, in, Reason.TRUNCATED,
                "Connection closed with " + in.readableBytes() + " of " + expected + " frame bytes buffered");
    }

    private static String shortLengthMessage(long length, int headLength) {
        String header = headLength == 0 ? "header" : "header with head";
        return "Frame length " + Long.toUnsignedString(length) + " is below minimum " + (headLength + HEADER_LENGTH)
                + " (" + header + ")";
    }

    /** Marks the channel as failed, discards what is buffered and builds the exception to throw. */
    private CorruptedFrameException fail(ChannelHandlerContext ctx, ByteBuf in, Reason reason, String detail) {
        return fail(ctx, in, reason, detail, "");
    }

    private CorruptedFrameException fail(ChannelHandlerContext ctx, ByteBuf in, Reason reason, String detail,
            String advice) {
        failed = true;
        in.skipBytes(in.readableBytes());
        return new CorruptedFrameException(reason, detail + " from " + peer(ctx) + advice);
    }

    private static String peer(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        return remote == null ? "an unknown peer" : remote.toString();
    }
}
