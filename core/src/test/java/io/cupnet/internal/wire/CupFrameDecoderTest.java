package io.cupnet.internal.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.cupnet.CorruptedFrameException.Reason;
import io.cupnet.CorruptedFrameException;
import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.support.GoldenVectors;
import io.cupnet.support.PeerChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Feeds the decoder split, merged and malformed input through an embedded channel. */
class CupFrameDecoderTest {

    private static final int LENGTH_OFFSET_WITH_HEAD = 12;
    private static final int LENGTH_OFFSET_WITHOUT_HEAD = 4;

    private final List<ByteBuf> inputs = new ArrayList<>();
    private PeerChannel channel = new PeerChannel(new CupFrameDecoder());

    @AfterEach
    void releasesEveryInputBuffer() {
        channel.finishAndReleaseAll();
        assertThat(inputs).allSatisfy(input -> assertThat(input.refCnt()).isZero());
    }

    @Test
    void rejectsAMaximumFrameLengthThatCannotHoldAnEmptyFirstFrame() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CupFrameDecoder(72))
                .withMessage("Maximum frame length 72 must exceed 72");
    }

    @Test
    void decodesAHeadSplitOverEightOneByteWrites() {
        byte[] frame = GoldenVectors.first().bytes();
        for (int i = 0; i < CupMessage.HEAD_LENGTH; i++) {
            write(Arrays.copyOfRange(frame, i, i + 1));
        }
        write(Arrays.copyOfRange(frame, CupMessage.HEAD_LENGTH, frame.length));

        assertThat((CupMessage) channel.readInbound()).isEqualTo(GoldenVectors.first().message());
    }

    @Test
    void decodesAFrameThatArrivesWithThePreviousFramesTail() {
        byte[] stream = GoldenVectors.connectionStream();
        write(Arrays.copyOfRange(stream, 0, 100));
        write(Arrays.copyOfRange(stream, 100, stream.length));

        assertThat(readAll()).hasSize(1 + GoldenVectors.withoutHead().size());
    }

    @Test
    void decodesLargeFramesSplitOverManyReadsBetweenSmallOnes() {
        byte[] stream = GoldenVectors.connectionStream();
        byte[] body = new byte[100_000];
        Arrays.fill(body, (byte) 'x');
        CupMessage large = CupMessage.builder().from(PeerAddress.of("10.0.0.9", 9)).to(PeerAddress.of("10.0.0.8", 8)).type(7).uniqId(UniqId.of(7)).body(body).build();
        ByteBuf encoded = Unpooled.buffer();
        CupFrameEncoder.encode(large, false, encoded);
        CupFrameEncoder.encode(large, false, encoded);
        byte[] twoLarge = new byte[encoded.readableBytes()];
        encoded.readBytes(twoLarge);
        encoded.release();
        int firstLength = GoldenVectors.first().bytes().length;
        byte[] all = new byte[stream.length + twoLarge.length + stream.length - firstLength];
        System.arraycopy(stream, 0, all, 0, stream.length);
        System.arraycopy(twoLarge, 0, all, stream.length, twoLarge.length);
        System.arraycopy(stream, firstLength, all, stream.length + twoLarge.length, stream.length - firstLength);

        for (int offset = 0; offset < all.length; offset += 1000) {
            write(Arrays.copyOfRange(all, offset, Math.min(all.length, offset + 1000)));
        }

        List<CupMessage> messages = readAll();
        int small = 1 + GoldenVectors.withoutHead().size();
        assertThat(messages).hasSize(2 * small + 1);
        assertThat(messages.get(0)).isEqualTo(GoldenVectors.first().message());
        assertThat(messages.get(small)).isEqualTo(large);
        assertThat(messages.get(small + 1)).isEqualTo(large);
        assertThat(messages.subList(small + 2, 2 * small + 1)).isEqualTo(messages.subList(1, small));
    }

    @Test
    void rejectsAGarbageHead() {
        assertCorrupted(bytes("GET / HT"), Reason.BAD_HEAD, "0x474554202f204854", "CUP012-3");
    }

    @Test
    void rejectsAGarbageFirstByteBeforeTheRestOfTheHeadArrives() {
        assertCorrupted(bytes("G"), Reason.BAD_HEAD, "0x47,", "CUP012-3");
    }

    @Test
    void rejectsAHeadThatGoesWrongHalfWay() {
        write(bytes("CUP"));
        assertCorrupted(bytes("999"), Reason.BAD_HEAD, "0x435550393939", "CUP012-3");
    }

    @Test
    void rejectsAFirstFrameLengthBelowTheHeaderWithHead() {
        byte[] frame = withLength(GoldenVectors.first().bytes(), LENGTH_OFFSET_WITH_HEAD, 71);
        assertCorrupted(frame, Reason.SHORT_LENGTH, "Frame length 71 is below minimum 72");
    }

    @Test
    void rejectsALaterFrameLengthBelowTheHeader() {
        write(GoldenVectors.first().bytes());
        byte[] frame = withLength(GoldenVectors.named("02-").bytes(), LENGTH_OFFSET_WITHOUT_HEAD, 63);

        assertCorrupted(frame, Reason.SHORT_LENGTH, "Frame length 63 is below minimum 64");
        assertThat((CupMessage) channel.readInbound()).isEqualTo(GoldenVectors.first().message());
    }

    @ParameterizedTest
    @CsvSource({"-9223372036854775808, 9223372036854775808", "-1, 18446744073709551615"})
    void rejectsAFrameLengthThatIsNegativeAsASignedLong(long length, String unsigned) {
        byte[] header = Arrays.copyOf(GoldenVectors.first().bytes(), 20);
        assertCorrupted(withLength(header, LENGTH_OFFSET_WITH_HEAD, length), Reason.OVERSIZE,
                "Frame length " + unsigned + " exceeds maximum 16777216");
    }

    @Test
    void rejectsAnOversizeFrameBeforeItsBodyArrives() {
        channel = new PeerChannel(new CupFrameDecoder(1024));
        byte[] header = Arrays.copyOf(GoldenVectors.named("07-").bytes(), 20);

        assertCorrupted(header, Reason.OVERSIZE, "Frame length 1096 exceeds maximum 1024 from " + PeerChannel.PEER_TEXT
                + "; raise option transport.maxFrameSize");
    }

    @ParameterizedTest
    @CsvSource({"1099511627776, 1099511627776", "-9223372036854775808, 9223372036854775808"})
    void buffersNothingForAClaimAboveTheLargestPossibleMaximum(long length, String unsigned) {
        BufferInspectingDecoder decoder = new BufferInspectingDecoder(Integer.MAX_VALUE);
        channel = new PeerChannel(decoder);
        byte[] header = Arrays.copyOf(GoldenVectors.first().bytes(), 20);

        assertCorrupted(withLength(header, LENGTH_OFFSET_WITH_HEAD, length), Reason.OVERSIZE,
                "Frame length " + unsigned + " exceeds maximum 2147483647");
        assertThat(decoder.buffered().capacity()).isZero();
    }

    @Test
    void buffersOnlyTheBytesReceivedWhileALargeClaimedFrameArrives() {
        BufferInspectingDecoder decoder = new BufferInspectingDecoder(Integer.MAX_VALUE);
        channel = new PeerChannel(decoder);
        byte[] header = withLength(Arrays.copyOf(GoldenVectors.first().bytes(), 72), LENGTH_OFFSET_WITH_HEAD,
                Integer.MAX_VALUE);
        write(header);
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 8; i++) {
            write(chunk);
        }

        int received = header.length + 8 * chunk.length;
        assertThat(decoder.buffered().readableBytes()).isEqualTo(received);
        // Grown for the half MiB that came, not allocated for the 2 GiB that were announced.
        assertThat(decoder.buffered().capacity()).isLessThan(4 * received);
        assertThat((Object) channel.readInbound()).isNull();
        assertThatThrownBy(channel::finishAndReleaseAll).isInstanceOfSatisfying(CorruptedFrameException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
    }

    @Test
    void acceptsAFrameOfExactlyTheMaximumLength() {
        channel = new PeerChannel(new CupFrameDecoder(1096));
        write(GoldenVectors.named("07-").bytes());

        assertThat((CupMessage) channel.readInbound()).isEqualTo(GoldenVectors.named("07-").message());
    }

    @Test
    void reportsAFrameTruncatedByTheChannelClosing() {
        write(Arrays.copyOf(GoldenVectors.first().bytes(), 40));

        assertThatThrownBy(channel::finishAndReleaseAll)
                .isInstanceOfSatisfying(CorruptedFrameException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
                    assertThat(e)
                            .hasMessage("Connection closed with 40 of 81 frame bytes buffered from " + PeerChannel.PEER_TEXT);
                });
    }

    @Test
    void reportsATruncationBeforeTheLengthArrivedWithTheMinimumLength() {
        write(bytes("CUP01"));

        assertThatThrownBy(channel::finishAndReleaseAll)
                .isInstanceOfSatisfying(CorruptedFrameException.class, e -> assertThat(e)
                        .hasMessage("Connection closed with 5 of at least 72 frame bytes buffered from " + PeerChannel.PEER_TEXT));
    }

    @Test
    void reportsATruncationOnlyOnceWhenInputShutdownPrecedesClose() {
        write(Arrays.copyOf(GoldenVectors.first().bytes(), 40));

        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);

        assertThatThrownBy(channel::checkException).isInstanceOf(CorruptedFrameException.class);
        assertThatCode(channel::finishAndReleaseAll).doesNotThrowAnyException();
    }

    @Test
    void closesCleanlyBetweenFrames() {
        write(GoldenVectors.first().bytes());

        assertThatCode(channel::finishAndReleaseAll).doesNotThrowAnyException();
    }

    @Test
    void discardsEverythingAfterAFailureWithoutFurtherExceptions() {
        assertCorrupted(bytes("X"), Reason.BAD_HEAD, "0x58");

        write(GoldenVectors.first().bytes());
        write(GoldenVectors.connectionStream());

        assertThat((Object) channel.readInbound()).isNull();
        assertThatCode(channel::finishAndReleaseAll).doesNotThrowAnyException();
    }

    @Test
    void staticDecodeFrameRejectsABadHeadAndAnIncompleteFrame() {
        ByteBuf withoutHead = Unpooled.wrappedBuffer(GoldenVectors.named("02-").bytes());
        ByteBuf partial = Unpooled.wrappedBuffer(GoldenVectors.first().bytes(), 0, 40);
        inputs.add(withoutHead);
        inputs.add(partial);

        assertThatThrownBy(() -> CupFrameDecoder.decodeFrame(withoutHead, true))
                .isInstanceOfSatisfying(CorruptedFrameException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.BAD_HEAD));
        assertThatThrownBy(() -> CupFrameDecoder.decodeFrame(partial, true))
                .isInstanceOfSatisfying(CorruptedFrameException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.TRUNCATED))
                .hasMessage("Frame length 81 exceeds the 40 bytes buffered");
        withoutHead.release();
        partial.release();
    }

    private void assertCorrupted(byte[] input, Reason reason, String... messageParts) {
        assertThatThrownBy(() -> write(input))
                .isInstanceOfSatisfying(CorruptedFrameException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(messageParts).contains(" from " + PeerChannel.PEER_TEXT);
                });
        int emittedBeforeMoreBytes = channel.inboundMessages().size();
        write(bytes("more bytes after the failure"));
        assertThat(channel.inboundMessages()).hasSize(emittedBeforeMoreBytes);
    }

    private void write(byte[] bytes) {
        ByteBuf input = Unpooled.wrappedBuffer(bytes);
        inputs.add(input);
        channel.writeInbound(input);
    }

    private List<CupMessage> readAll() {
        List<CupMessage> messages = new ArrayList<>();
        for (CupMessage message = channel.readInbound(); message != null; message = channel.readInbound()) {
            messages.add(message);
        }
        return messages;
    }

    private static byte[] withLength(byte[] frame, int offset, long length) {
        byte[] patched = frame.clone();
        ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, length);
        return patched;
    }

    /** A decoder that shows its cumulation buffer, to check what it holds while a frame arrives. */
    private static final class BufferInspectingDecoder extends CupFrameDecoder {

        BufferInspectingDecoder(int maxFrameLength) {
            super(maxFrameLength);
        }

        ByteBuf buffered() {
            return internalBuffer();
        }
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
