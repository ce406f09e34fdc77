package io.cupnet.internal.heartbeat;

import io.cupnet.CupMessage;
import io.cupnet.MessageFlags;
import io.cupnet.MessageTypes;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;
import io.cupnet.internal.wire.CupFrameDecoder;
import io.cupnet.internal.wire.CupFrameEncoder;
import io.cupnet.internal.wire.DecodedFrames;
import io.cupnet.metrics.CupnetStats;
import io.cupnet.options.CupnetOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A heartbeat read in one batch with application frames is answered and taken out of the batch.
 */
class HeartbeatHandlerTest {

    private static final PeerAddress PEER = PeerAddress.of("127.0.0.1", 6000);

    private static final PeerAddress SELF = PeerAddress.of("127.0.0.1", 5000);

    private final CupnetStats stats = new CupnetStats();

    private final Heartbeats heartbeats = new Heartbeats(CupnetOptions.builder().build(), this.stats, () -> SELF);

    @Test
    void heartbeatInABatchIsAnsweredAndTheApplicationFramesGoOnTogether() {
        EmbeddedChannel channel = new EmbeddedChannel(
                new CupFrameDecoder(CupFrameDecoder.DEFAULT_MAX_FRAME_LENGTH, true), this.heartbeats.newHandler(true));
        CupMessage first = frame(MessageFlags.NORMAL, 100, 1);
        CupMessage heartbeat = frame(MessageFlags.URGENT, MessageTypes.HEART_BEAT, 2);
        CupMessage last = frame(MessageFlags.NORMAL, 100, 3);
        ByteBuf read = Unpooled.buffer();
        CupFrameEncoder.encode(first, true, read);
        CupFrameEncoder.encode(heartbeat, false, read);
        CupFrameEncoder.encode(last, false, read);

        channel.writeInbound(read);

        assertThat((DecodedFrames) channel.readInbound()).containsExactly(first, last);
        assertThat((Object) channel.readInbound()).isNull();
        CupMessage answer = channel.readOutbound();
        assertThat(answer.type()).isEqualTo(MessageTypes.ACK_HEART_BEAT);
        assertThat(answer.uniqId()).isEqualTo(heartbeat.uniqId());
        assertThat(this.stats.heartbeatsReplied().sum()).isEqualTo(1);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static CupMessage frame(int flags, int type, long id) {
        return CupMessage.builder().flags(flags).from(PEER).to(SELF).type(type).uniqId(UniqId.of(id)).body("x").build();
    }

}
