package io.cupnet.internal.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.cupnet.CorruptedFrameException;
import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.support.GoldenVectors.GoldenVector;
import io.cupnet.support.GoldenVectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checks the codec against the frames that the Python CUP library wrote. */
class CupFrameGoldenVectorsTest {

    static List<GoldenVector> vectors() {
        return GoldenVectors.all();
    }

    @Test
    void findsEveryGoldenVectorFile() {
        assertThat(vectors()).hasSize(7).allSatisfy(vector -> assertThat(vector.bytes()).isNotEmpty());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesEveryGoldenVectorToItsListedFields(GoldenVector vector) {
        EmbeddedChannel channel = new EmbeddedChannel(new CupFrameDecoder());
        if (!vector.hasHead()) {
            channel.writeInbound(Unpooled.wrappedBuffer(GoldenVectors.first().bytes()));
            assertThat((CupMessage) channel.readInbound()).isEqualTo(GoldenVectors.first().message());
        }
        ByteBuf input = Unpooled.wrappedBuffer(vector.bytes());

        channel.writeInbound(input);
        CupMessage message = channel.readInbound();

        assertThat(message.flags()).isEqualTo(vector.flag());
        assertThat(message.from()).isEqualTo(vector.from());
        assertThat(message.to()).isEqualTo(vector.to());
        assertThat(message.type()).isEqualTo(vector.type());
        assertThat(message.uniqId()).isEqualTo(vector.uniqId());
        assertThat(message.body()).isEqualTo(vector.body());
        assertThat(message.frameLength(vector.hasHead())).isEqualTo(vector.bytes().length);
        assertThat(input.refCnt()).isZero();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void reEncodesEveryGoldenVectorToIdenticalBytes(GoldenVector vector) {
        ByteBuf out = Unpooled.buffer();
        try {
            CupFrameEncoder.encode(vector.message(), vector.hasHead(), out);
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(vector.bytes());
        } finally {
            out.release();
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesEveryGoldenVectorWithTheStaticHelper(GoldenVector vector) {
        ByteBuf in = Unpooled.wrappedBuffer(vector.bytes());
        try {
            assertThat(CupFrameDecoder.decodeFrame(in, vector.hasHead())).isEqualTo(vector.message());
            assertThat(in.isReadable()).isFalse();
        } finally {
            in.release();
        }
    }

    @Test
    void acksTheGoldenNeedAckFrameWithTheGoldenAck() {
        CupMessage ack = GoldenVectors.named("04-").message().ackFrame();

        assertThat(ack).isEqualTo(GoldenVectors.named("05-").message());
    }

    @Test
    void encodesTheAckOfTheGoldenNeedAckFrameStraightFromIt() {
        ByteBuf out = Unpooled.buffer();
        try {
            CupFrameEncoder.encodeAck(GoldenVectors.named("04-").message(), false, out);

            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(GoldenVectors.named("05-").bytes());
        } finally {
            out.release();
        }
    }

    @Test
    void encoderWritesABatchsAcksBeforeItsFrames() {
        EmbeddedChannel channel = new EmbeddedChannel(new CupFrameEncoder());
        CupMessage needAck = GoldenVectors.named("04-").message();
        byte[] ack = GoldenVectors.named("05-").bytes();

        channel.writeOutbound(GoldenVectors.first().message(),
                batch(List.of(needAck, needAck), List.of(GoldenVectors.named("02-").message())));

        ByteBuf first = channel.readOutbound();
        ByteBuf batch = channel.readOutbound();
        try {
            assertThat(ByteBufUtil.getBytes(first)).isEqualTo(GoldenVectors.first().bytes());
            assertThat(batch.capacity()).isEqualTo(batch.readableBytes());
            assertThat(ByteBufUtil.getBytes(batch)).isEqualTo(concat(ack, ack, GoldenVectors.named("02-").bytes()));
        } finally {
            first.release();
            batch.release();
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void encoderWritesTheHeadBeforeAnAckThatOpensTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new CupFrameEncoder());
        CupMessage needAck = GoldenVectors.named("04-").message();
        ByteBuf expected = Unpooled.buffer();
        CupFrameEncoder.encode(needAck.ackFrame(), true, expected);

        channel.writeOutbound(batch(List.of(needAck), List.of()));

        ByteBuf written = channel.readOutbound();
        try {
            assertThat(ByteBufUtil.getBytes(written)).isEqualTo(ByteBufUtil.getBytes(expected))
                .startsWith(Arrays.copyOf(GoldenVectors.first().bytes(), CupMessage.HEAD_LENGTH));
            assertThat(written.capacity()).isEqualTo(CupFrameEncoder.ackLength(true));
        } finally {
            written.release();
            expected.release();
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void decodesAcksWithoutABodyEach() {
        byte[] ack = GoldenVectors.named("05-").bytes();
        byte[] otherOneByteBody = ack.clone();
        otherOneByteBody[ack.length - 1] = '1';

        CupMessage first = decodeWithoutHead(ack);
        CupMessage second = decodeWithoutHead(ack);
        CupMessage other = decodeWithoutHead(otherOneByteBody);

        assertThat(first).isEqualTo(GoldenVectors.named("05-").message());
        assertThat(second.body()).isSameAs(first.body());
        assertThat(other.bodyAsString()).isEqualTo("1");
        assertThat(first.bodyAsString()).isEqualTo("0");
    }

    private static CupMessage decodeWithoutHead(byte[] frame) {
        ByteBuf in = Unpooled.wrappedBuffer(frame);
        try {
            return CupFrameDecoder.decodeFrame(in, false);
        } finally {
            in.release();
        }
    }

    @Test
    void decodesAllFramesOfOneConnectionFromOneBuffer() {
        EmbeddedChannel channel = new EmbeddedChannel(new CupFrameDecoder());
        ByteBuf input = Unpooled.wrappedBuffer(GoldenVectors.connectionStream());

        channel.writeInbound(input);

        assertThat(readAll(channel)).containsExactlyElementsOf(expectedConnectionMessages());
        assertThat(input.refCnt()).isZero();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void decodesAllFramesOfOneConnectionFedOneByteAtATime() {
        EmbeddedChannel channel = new EmbeddedChannel(new CupFrameDecoder());
        List<ByteBuf> inputs = new ArrayList<>();

        for (byte b : GoldenVectors.connectionStream()) {
            ByteBuf single = Unpooled.wrappedBuffer(new byte[] {b});
            inputs.add(single);
            channel.writeInbound(single);
        }

        assertThat(readAll(channel)).containsExactlyElementsOf(expectedConnectionMessages());
        assertThat(channel.finishAndReleaseAll()).isFalse();
        assertThat(inputs).allSatisfy(input -> assertThat(input.refCnt()).isZero());
    }

    @Test
    void batchingDecoderEmitsEveryFrameOfOneReadAsOneBatch() {
        EmbeddedChannel channel = new EmbeddedChannel(new CupFrameDecoder(CupFrameDecoder.DEFAULT_MAX_FRAME_LENGTH, true));
        ByteBuf input = Unpooled.wrappedBuffer(GoldenVectors.connectionStream());

        channel.writeInbound(input);

        assertThat((DecodedFrames) channel.readInbound()).containsExactlyElementsOf(expectedConnectionMessages());
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(input.refCnt()).isZero();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void batchingDecoderFedOneByteAtATimeEmitsEachFrameAsItCompletes() {
        EmbeddedChannel channel = new EmbeddedChannel(new CupFrameDecoder(CupFrameDecoder.DEFAULT_MAX_FRAME_LENGTH, true));

        for (byte b : GoldenVectors.connectionStream()) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        List<CupMessage> decoded = new ArrayList<>();
        for (DecodedFrames frames = channel.readInbound(); frames != null; frames = channel.readInbound()) {
            assertThat(frames).hasSize(1);
            decoded.addAll(frames);
        }
        assertThat(decoded).containsExactlyElementsOf(expectedConnectionMessages());
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void batchingDecoderPassesOnTheFramesReadBeforeACorruptOne() {
        EmbeddedChannel channel = new EmbeddedChannel(new CupFrameDecoder(CupFrameDecoder.DEFAULT_MAX_FRAME_LENGTH, true));
        byte[] good = GoldenVectors.connectionStream();
        byte[] corrupt = GoldenVectors.named("02-").bytes().clone();
        corrupt[4] = 1;
        Arrays.fill(corrupt, 5, 12, (byte) 0);
        ByteBuf input = Unpooled.wrappedBuffer(good, corrupt);

        assertThatThrownBy(() -> channel.writeInbound(input)).isInstanceOfSatisfying(CorruptedFrameException.class,
                (ex) -> assertThat(ex.reason()).isEqualTo(CorruptedFrameException.Reason.SHORT_LENGTH));

        assertThat((DecodedFrames) channel.readInbound()).containsExactlyElementsOf(expectedConnectionMessages());
        assertThat(input.refCnt()).isZero();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void encoderWritesTheGoldenConnectionStream() {
        EmbeddedChannel channel = new EmbeddedChannel(new CupFrameEncoder());

        channel.writeOutbound(expectedConnectionMessages().toArray());

        ByteBuf written = Unpooled.buffer();
        try {
            for (ByteBuf frame = channel.readOutbound(); frame != null; frame = channel.readOutbound()) {
                written.writeBytes(frame);
                frame.release();
            }
            assertThat(ByteBufUtil.getBytes(written)).isEqualTo(GoldenVectors.connectionStream());
        } finally {
            written.release();
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void encoderWritesTheGoldenConnectionStreamFromBatchesOneBufferEach() {
        EmbeddedChannel channel = new EmbeddedChannel(new CupFrameEncoder());
        List<CupMessage> messages = expectedConnectionMessages();
        int split = messages.size() / 2;
        List<CupMessage> first = messages.subList(0, split);
        List<CupMessage> second = messages.subList(split, messages.size());

        channel.writeOutbound(batch(first), batch(second));

        ByteBuf firstBuffer = channel.readOutbound();
        ByteBuf secondBuffer = channel.readOutbound();
        try {
            assertThat((Object) channel.readOutbound()).isNull();
            assertThat(firstBuffer.capacity()).isEqualTo(firstBuffer.readableBytes());
            ByteBuf written = Unpooled.wrappedBuffer(firstBuffer.retain(), secondBuffer.retain());
            assertThat(ByteBufUtil.getBytes(written)).isEqualTo(GoldenVectors.connectionStream());
            written.release();
        } finally {
            firstBuffer.release();
            secondBuffer.release();
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuf joined = Unpooled.wrappedBuffer(parts);
        try {
            return ByteBufUtil.getBytes(joined);
        } finally {
            joined.release();
        }
    }

    private static CupFrameBatch batch(List<CupMessage> messages) {
        return batch(List.of(), messages);
    }

    /** A batch of the acks of {@code acked}, then {@code messages}. */
    static CupFrameBatch batch(List<CupMessage> acked, List<CupMessage> messages) {
        return new CupFrameBatch() {
            @Override
            public int frameCount() {
                return messages.size();
            }

            @Override
            public CupMessage frame(int index) {
                return messages.get(index);
            }

            @Override
            public int ackCount() {
                return acked.size();
            }

            @Override
            public PeerAddress ackFrom(int index) {
                return acked.get(index).to();
            }

            @Override
            public PeerAddress ackTo(int index) {
                return acked.get(index).from();
            }

            @Override
            public long ackUniqIdHigh(int index) {
                return acked.get(index).uniqIdHigh();
            }

            @Override
            public long ackUniqIdLow(int index) {
                return acked.get(index).uniqIdLow();
            }
        };
    }

    private static List<CupMessage> expectedConnectionMessages() {
        List<CupMessage> messages = new ArrayList<>();
        messages.add(GoldenVectors.first().message());
        GoldenVectors.withoutHead().forEach(vector -> messages.add(vector.message()));
        return messages;
    }

    private static List<CupMessage> readAll(EmbeddedChannel channel) {
        List<CupMessage> messages = new ArrayList<>();
        for (CupMessage message = channel.readInbound(); message != null; message = channel.readInbound()) {
            messages.add(message);
        }
        return messages;
    }
}
