package io.cupnet.bench.jmh;

import java.util.concurrent.TimeUnit;

import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.internal.wire.CupFrameDecoder;
import io.cupnet.internal.wire.CupFrameEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encodes and decodes one CUP012-3 frame (no head, as every frame after a connection's first);
 * run with {@code -prof gc} to see the bytes allocated per operation ({@code gc.alloc.rate.norm}).
 *
 * <ul>
 * <li>{@code encode}: {@link CupFrameEncoder#encode} into a reused direct buffer: should allocate nothing.</li>
 * <li>{@code encodeAck}: {@link CupFrameEncoder#encodeAck}, the ack of the frame written straight from it, into a
 * reused direct buffer: should allocate nothing (its figures do not depend on {@code size}).</li>
 * <li>{@code encodePooled}: as the channel encoder does, a pooled direct buffer of the frame's length per frame,
 * released after.</li>
 * <li>{@code decode}: {@link CupFrameDecoder#decodeFrame} from a direct buffer: the message, its body and the
 * objects of its header fields.</li>
 * <li>{@code decodeStream}: the channel decoder reading {@value #STREAM_FRAMES} frames of one connection per
 * buffer, figures per frame: the message and its body, as {@code from} and {@code to} repeat.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    /** Total frame size in bytes, header + body. */
    @Param({ "128", "1024", "65536" })
    public int size;

    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;

    private CupMessage message;

    private ByteBuf out;

    private ByteBuf encoded;

    private ByteBuf stream;

    private EmbeddedChannel connection;

    /** Frames in the buffer that {@code decodeStream} reads per operation. */
    static final int STREAM_FRAMES = 64;

    /** Builds the message and the buffers. */
    @Setup(Level.Trial)
    public void setUp() {
        this.message = CupMessage.builder()
            .from(PeerAddress.of("127.0.0.1", 7100))
            .to(PeerAddress.of("127.0.0.1", 7200))
            .type(100)
            .uniqId(UniqId.of(123_456_789L))
            .body(new byte[this.size - CupMessage.HEADER_LENGTH])
            .build();
        this.out = this.allocator.directBuffer(this.size);
        this.encoded = this.allocator.directBuffer(this.size);
        CupFrameEncoder.encode(this.message, false, this.encoded);
        this.stream = this.allocator.directBuffer(this.size * STREAM_FRAMES);
        for (int i = 0; i < STREAM_FRAMES; i++) {
            CupFrameEncoder.encode(this.message, false, this.stream);
        }
        this.connection = new EmbeddedChannel(new CupFrameDecoder(CupFrameDecoder.DEFAULT_MAX_FRAME_LENGTH, true));
        ByteBuf first = this.allocator.directBuffer();
        CupFrameEncoder.encode(this.message, true, first);
        this.connection.writeInbound(first);
        this.connection.readInbound();
    }

    /** Releases the buffers. */
    @TearDown(Level.Trial)
    public void tearDown() {
        this.out.release();
        this.encoded.release();
        this.stream.release();
        this.connection.finishAndReleaseAll();
    }

    /** Encodes into a reused buffer. */
    @Benchmark
    public ByteBuf encode() {
        this.out.clear();
        CupFrameEncoder.encode(this.message, false, this.out);
        return this.out;
    }

    /** Encodes the message's ack into a reused buffer, without an ack message. */
    @Benchmark
    public ByteBuf encodeAck() {
        this.out.clear();
        CupFrameEncoder.encodeAck(this.message, false, this.out);
        return this.out;
    }

    /** Encodes into a fresh pooled buffer, as the channel's encoder does, and releases it. */
    @Benchmark
    public int encodePooled() {
        ByteBuf buffer = this.allocator.ioBuffer(this.message.frameLength(false));
        CupFrameEncoder.encode(this.message, false, buffer);
        int written = buffer.readableBytes();
        buffer.release();
        return written;
    }

    /** Decodes one frame. */
    @Benchmark
    public CupMessage decode() {
        this.encoded.readerIndex(0);
        return CupFrameDecoder.decodeFrame(this.encoded, false);
    }

    /**
     * Decodes a buffer of {@value #STREAM_FRAMES} frames on one connection, as one batch the way connections
     * read; figures are per frame.
     */
    @Benchmark
    @OperationsPerInvocation(STREAM_FRAMES)
    public void decodeStream(Blackhole blackhole) {
        this.connection.writeInbound(this.stream.retainedDuplicate());
        for (Object frame = this.connection.readInbound(); frame != null; frame = this.connection.readInbound()) {
            blackhole.consume(frame);
        }
    }

}
