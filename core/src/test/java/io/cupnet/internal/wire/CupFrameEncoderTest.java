package io.cupnet.internal.wire;

import java.util.List;

import io.cupnet.CupMessage;
import io.cupnet.MessageTypes;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Encodes messages through an embedded channel. */
class CupFrameEncoderTest {

    private static final PeerAddress FROM = PeerAddress.of("10.1.2.3", 5000);
    private static final PeerAddress TO = PeerAddress.of("127.0.0.1", 6000);

    private final EmbeddedChannel channel = new EmbeddedChannel(new CupFrameEncoder());

    @AfterEach
    void finishChannel() {
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void writesTheHeadOnlyBeforeTheFirstFrame() {
        CupMessage message = message().build();

        channel.writeOutbound(message, message);

        assertFrame(channel.readOutbound(), message, true);
        assertFrame(channel.readOutbound(), message, false);
    }

    @Test
    void allocatesExactlyTheFrameLength() {
        CupMessage message = message().body("exact").build();

        channel.writeOutbound(message);

        ByteBuf frame = channel.readOutbound();
        try {
            assertThat(frame.capacity()).isEqualTo(message.frameLength(true)).isEqualTo(77);
        } finally {
            frame.release();
        }
    }

    @Test
    void rejectsAMessageWithoutFrom() {
        assertRejected(message().from(null).build(), "Cannot encode a message without 'from'");
    }

    @Test
    void rejectsAMessageWithoutUniqId() {
        assertRejected(message().uniqId(null).build(), "Cannot encode a message without 'uniqId'");
    }

    @Test
    void writesTheHeadOnTheFirstFrameThatSucceeds() {
        CupMessage message = message().build();
        assertRejected(message.withUniqId(null), "uniqId");

        channel.writeOutbound(message);

        assertFrame(channel.readOutbound(), message, true);
    }

    @Test
    void rejectsABatchAckingAMessageWithoutFrom() {
        // A batch's acks carry the uniq id as two numbers, so only a missing address can reach the encoder.
        CupMessage noFrom = message().from(null).build();

        assertRejected(CupFrameGoldenVectorsTest.batch(List.of(noFrom), List.of()), "without 'from' and 'to'");
    }

    @Test
    void staticEncodeRejectsAMessageWithoutFromBeforeWritingAnything() {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> CupFrameEncoder.encode(message().from(null).build(), true, out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'from'");
            assertThat(out.isReadable()).isFalse();
        } finally {
            out.release();
        }
    }

    private void assertRejected(Object message, String messagePart) {
        ChannelFuture write = channel.writeOneOutbound(message);
        channel.flushOutbound();

        assertThat(write.cause()).isInstanceOf(EncoderException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining(messagePart);
        assertThat((Object) channel.readOutbound()).isNull();
    }

    private static void assertFrame(ByteBuf frame, CupMessage message, boolean withHead) {
        try {
            ByteBuf expected = Unpooled.buffer();
            CupFrameEncoder.encode(message, withHead, expected);
            assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(ByteBufUtil.getBytes(expected));
            assertThat(frame.readableBytes()).isEqualTo(message.frameLength(withHead));
            expected.release();
        } finally {
            frame.release();
        }
    }

    private static CupMessage.Builder message() {
        return CupMessage.builder().from(FROM).to(TO).type(MessageTypes.NEED_ACK).uniqId(UniqId.of(42)).body("hi");
    }
}
