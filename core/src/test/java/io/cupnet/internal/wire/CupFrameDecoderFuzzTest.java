package io.cupnet.internal.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cupnet.CorruptedFrameException.Reason;
import io.cupnet.CorruptedFrameException;
import io.cupnet.CupMessage;
import io.cupnet.support.GoldenVectors.GoldenVector;
import io.cupnet.support.GoldenVectors;
import io.cupnet.support.PeerChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Feeds the decoder thousands of random and mutated frames, seeded from the golden vectors:
 * bit flips, truncations, rewritten lengths, splices and garbage, split into random chunks.
 * Nothing but one {@link CorruptedFrameException} may come out, every buffer is released and
 * every case ends. Reproduce a failure with {@code -Dcupnet.fuzz.seed=<seed>}; the number of
 * cases is {@code -Dcupnet.fuzz.cases} (20,000 by default).
 */
class CupFrameDecoderFuzzTest {

    private static final long SEED = Long.getLong("cupnet.fuzz.seed", 0x5EEDC0FFEEL);

    private static final int CASES = Integer.getInteger("cupnet.fuzz.cases", 20_000);

    private static final List<GoldenVector> FIRST_FRAMES = GoldenVectors.all().stream()
            .filter(GoldenVector::hasHead).toList();

    private static final List<GoldenVector> LATER_FRAMES = GoldenVectors.withoutHead();

    private static final long[] INTERESTING_LENGTHS = {0, 1, 63, 64, 71, 72, 73, 200, 1096, 1097,
        CupFrameDecoder.DEFAULT_MAX_FRAME_LENGTH, CupFrameDecoder.DEFAULT_MAX_FRAME_LENGTH + 1L,
        Integer.MAX_VALUE, 1L << 31, 1L << 32, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, -1};

    private final Map<Reason, Integer> rejected = new EnumMap<>(Reason.class);

    private int decodedIntact;

    @Test
    void mutatedFramesOnlyEverRaiseOneCorruptedFrameExceptionAndReleaseEveryBuffer() {
        ListAppender<ILoggingEvent> leaks = watchLeakReports();
        try {
            assertTimeoutPreemptively(Duration.ofMinutes(5), this::runAllCases,
                    () -> "Fuzzing hung or crawled; seed " + SEED);
            flushLeakReports();
            assertThat(leaks.list).as("leak reports while fuzzing with seed " + SEED).isEmpty();
        } finally {
            ((Logger) LoggerFactory.getLogger(ResourceLeakDetector.class)).detachAppender(leaks);
        }
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        assertThat(this.rejected.keySet()).as("every reason was exercised").containsExactlyInAnyOrder(Reason.values());
        assertThat(this.decodedIntact).as("unmutated cases decoded intact").isPositive();
    }

    private void runAllCases() {
        Random master = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            long caseSeed = master.nextLong();
            FuzzCase fuzzCase = new FuzzCase(new Random(caseSeed));
            try {
                run(fuzzCase);
            } catch (Throwable failure) {
                throw new AssertionError("Fuzz case " + i + " failed; seed " + SEED + " (-Dcupnet.fuzz.seed=" + SEED
                        + "), case seed " + caseSeed + ": " + fuzzCase, failure);
            }
        }
    }

    private void run(FuzzCase fuzzCase) {
        List<Throwable> raised = new ArrayList<>();
        InspectableDecoder decoder = new InspectableDecoder(fuzzCase.maxFrameLength);
        PeerChannel channel = new PeerChannel(decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                raised.add(cause);
            }
        });
        List<ByteBuf> inputs = new ArrayList<>();
        for (byte[] chunk : fuzzCase.chunks()) {
            ByteBuf input = fuzzCase.buffer(chunk);
            inputs.add(input);
            channel.writeInbound(input);
        }
        channel.finish();
        List<CupMessage> decoded = new ArrayList<>();
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            decoded.add((CupMessage) message);
        }

        assertThat(raised).hasSizeLessThanOrEqualTo(1).allSatisfy(
                cause -> assertThat(cause).isInstanceOf(CorruptedFrameException.class));
        assertThat(inputs).allSatisfy(input -> assertThat(input.refCnt()).isZero());
        assertThat(decoder.buffered().capacity()).as("cumulation released").isZero();
        if (fuzzCase.mutations.isEmpty()) {
            assertThat(raised).isEmpty();
            assertThat(decoded).isEqualTo(fuzzCase.expected);
            this.decodedIntact++;
        }
        raised.forEach(cause -> this.rejected.merge(((CorruptedFrameException) cause).reason(), 1, Integer::sum));
    }

    private static ListAppender<ILoggingEvent> watchLeakReports() {
        flushLeakReports();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(ResourceLeakDetector.class)).addAppender(appender);
        return appender;
    }

    /** Collects garbage, then allocates so that the leak detector reports what it found. */
    private static void flushLeakReports() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 100; i++) {
                PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
                Unpooled.buffer(16).release();
            }
        }
    }

    /** A decoder that shows its cumulation buffer. */
    private static final class InspectableDecoder extends CupFrameDecoder {

        InspectableDecoder(int maxFrameLength) {
            super(maxFrameLength);
        }

        ByteBuf buffered() {
            return internalBuffer();
        }
    }

    /** One random input: a valid stream from the golden frames, its mutations, its chunks and buffer kinds. */
    private static final class FuzzCase {

        final Random random;

        final List<CupMessage> expected = new ArrayList<>();

        final List<Integer> frameStarts = new ArrayList<>();

        final List<String> mutations = new ArrayList<>();

        final int maxFrameLength;

        byte[] bytes;

        FuzzCase(Random random) {
            this.random = random;
            this.maxFrameLength = pick(new int[] {CupFrameDecoder.DEFAULT_MAX_FRAME_LENGTH, 1096, 200, 73,
                73 + random.nextInt(2000), Integer.MAX_VALUE});
            this.bytes = validStream();
            if (random.nextInt(6) > 0) {
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    mutate();
                }
            }
            if (this.mutations.isEmpty() && this.bytes.length > 0) {
                keepOnlyFramesWithinTheMaximum();
            }
        }

        private byte[] validStream() {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            GoldenVector first = FIRST_FRAMES.get(this.random.nextInt(FIRST_FRAMES.size()));
            append(stream, first);
            int later = this.random.nextInt(6);
            for (int i = 0; i < later; i++) {
                append(stream, LATER_FRAMES.get(this.random.nextInt(LATER_FRAMES.size())));
            }
            return stream.toByteArray();
        }

        private void append(ByteArrayOutputStream stream, GoldenVector vector) {
            this.frameStarts.add(stream.size());
            stream.writeBytes(vector.bytes());
            this.expected.add(vector.message());
        }

        /** An unmutated stream whose frames exceed a small maximum is a rejection, not an intact case. */
        private void keepOnlyFramesWithinTheMaximum() {
            for (int i = 0; i < this.frameStarts.size(); i++) {
                int end = (i + 1 < this.frameStarts.size()) ? this.frameStarts.get(i + 1) : this.bytes.length;
                if (end - this.frameStarts.get(i) > this.maxFrameLength) {
                    this.mutations.add("frame " + i + " exceeds the maximum " + this.maxFrameLength);
                    return;
                }
            }
        }

        private void mutate() {
            switch (this.random.nextInt(8)) {
                case 0 -> flipBits();
                case 1 -> truncate();
                case 2, 3 -> rewriteLength();
                case 4 -> splice();
                case 5 -> insertRandomBytes();
                case 6 -> corruptHead();
                default -> replaceWithGarbage();
            }
        }

        private void flipBits() {
            int flips = 1 + this.random.nextInt(8);
            for (int i = 0; i < flips && this.bytes.length > 0; i++) {
                int bit = this.random.nextInt(this.bytes.length * 8);
                this.bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            }
            this.mutations.add("flip " + flips + " bits");
        }

        private void truncate() {
            int length = this.random.nextInt(this.bytes.length + 1);
            this.bytes = Arrays.copyOf(this.bytes, length);
            this.mutations.add("truncate to " + length);
        }

        private void rewriteLength() {
            int frame = this.random.nextInt(this.frameStarts.size());
            int offset = this.frameStarts.get(frame) + (frame == 0 ? 12 : 4);
            if (offset + Long.BYTES > this.bytes.length) {
                return;
            }
            long length = this.random.nextInt(3) == 0 ? this.random.nextLong()
                    : INTERESTING_LENGTHS[this.random.nextInt(INTERESTING_LENGTHS.length)];
            ByteBuffer.wrap(this.bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, length);
            this.mutations.add("len of frame " + frame + " = " + Long.toUnsignedString(length));
        }

        private void splice() {
            byte[] other = new FuzzCase(new Random(this.random.nextLong())).bytes;
            int cut = this.random.nextInt(this.bytes.length + 1);
            int from = this.random.nextInt(other.length + 1);
            byte[] spliced = Arrays.copyOf(this.bytes, cut + other.length - from);
            System.arraycopy(other, from, spliced, cut, other.length - from);
            this.bytes = spliced;
            this.mutations.add("splice at " + cut + " another stream from " + from);
        }

        private void insertRandomBytes() {
            byte[] noise = new byte[1 + this.random.nextInt(32)];
            this.random.nextBytes(noise);
            int at = this.random.nextInt(this.bytes.length + 1);
            byte[] inserted = new byte[this.bytes.length + noise.length];
            System.arraycopy(this.bytes, 0, inserted, 0, at);
            System.arraycopy(noise, 0, inserted, at, noise.length);
            System.arraycopy(this.bytes, at, inserted, at + noise.length, this.bytes.length - at);
            this.bytes = inserted;
            this.mutations.add("insert " + noise.length + " random bytes at " + at);
        }

        private void corruptHead() {
            int at = this.random.nextInt(Math.min(8, this.bytes.length) + 1);
            if (at < this.bytes.length) {
                this.bytes[at] = (byte) (this.bytes[at] + 1 + this.random.nextInt(255));
            }
            this.mutations.add("corrupt head byte " + at);
        }

        private void replaceWithGarbage() {
            this.bytes = new byte[this.random.nextInt(200)];
            this.random.nextBytes(this.bytes);
            this.mutations.add("garbage of " + this.bytes.length + " bytes");
        }

        /** The bytes in chunks: all at once, byte by byte at the start, or random sizes. */
        List<byte[]> chunks() {
            List<byte[]> chunks = new ArrayList<>();
            int strategy = this.random.nextInt(4);
            int position = 0;
            while (position < this.bytes.length) {
                int size = switch (strategy) {
                    case 0 -> this.bytes.length;
                    case 1 -> position < 80 ? 1 : this.bytes.length;
                    default -> 1 + this.random.nextInt(Math.max(1, this.bytes.length / (1 + this.random.nextInt(32))));
                };
                int end = Math.min(this.bytes.length, position + size);
                chunks.add(Arrays.copyOfRange(this.bytes, position, end));
                position = end;
            }
            return chunks;
        }

        /** A buffer of one of the kinds a channel may deliver: pooled direct, unpooled heap or wrapped. */
        ByteBuf buffer(byte[] chunk) {
            return switch (this.random.nextInt(3)) {
                case 0 -> PooledByteBufAllocator.DEFAULT.directBuffer(chunk.length).writeBytes(chunk);
                case 1 -> Unpooled.copiedBuffer(chunk);
                default -> Unpooled.wrappedBuffer(chunk);
            };
        }

        private int pick(int[] values) {
            return values[this.random.nextInt(values.length)];
        }

        @Override
        public String toString() {
            String hex = ByteBufUtil.hexDump(this.bytes, 0, Math.min(this.bytes.length, 256));
            return "max " + this.maxFrameLength + ", mutations " + this.mutations + ", " + this.bytes.length
                    + " bytes 0x" + hex + (this.bytes.length > 256 ? "..." : "");
        }
    }
}
