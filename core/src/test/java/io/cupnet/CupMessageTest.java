package io.cupnet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CupMessageTest {

    private static final PeerAddress FROM = PeerAddress.of("10.1.2.3", 5000).withSubEndpoint(7, 9);
    private static final PeerAddress TO = PeerAddress.of("127.0.0.1", 6000);

    @Test
    void defaultsToNormalFlagsAndAnEmptyBody() {
        CupMessage message = CupMessage.builder().to(TO).build();

        assertThat(message.flags()).isEqualTo(MessageFlags.NORMAL);
        assertThat(message.body()).isEmpty();
        assertThat(message.from()).isNull();
        assertThat(message.uniqId()).isNull();
        assertThat(message.frameLength(false)).isEqualTo(CupMessage.HEADER_LENGTH);
        assertThat(message.frameLength(true)).isEqualTo(CupMessage.HEADER_LENGTH + CupMessage.HEAD_LENGTH);
    }

    @Test
    void urgentReplacesNormalAsHeartbeatsCarryFlagOneAlone() {
        CupMessage heartbeat = CupMessage.builder().to(TO).urgent().type(MessageTypes.HEART_BEAT).build();

        assertThat(heartbeat.flags()).isEqualTo(MessageFlags.URGENT);
        assertThat(heartbeat.isUrgent()).isTrue();
    }

    @Test
    void needAckAddsTheNeedAckBit() {
        CupMessage message = CupMessage.builder().to(TO).needAck().build();

        assertThat(message.flags()).isEqualTo(6);
        assertThat(message.needsAck()).isTrue();
        assertThat(message.isAck()).isFalse();
    }

    @Test
    void requiresATarget() {
        assertThatIllegalStateException().isThrownBy(() -> CupMessage.builder().build()).withMessageContaining("'to'");
    }

    @Test
    void copiesWithNewFieldsAndSharesTheBody() {
        CupMessage message = CupMessage.builder().to(TO).body("héllo").build();

        CupMessage filled = message.withFrom(FROM).withUniqId(UniqId.of(9)).withFlags(10);

        assertThat(filled.from()).isEqualTo(FROM);
        assertThat(filled.uniqId()).isEqualTo(UniqId.of(9));
        assertThat(filled.isAck()).isTrue();
        assertThat(filled.body()).isSameAs(message.body());
        assertThat(filled.bodyAsString()).isEqualTo("héllo");
        assertThat(filled.bodyLength()).isEqualTo(6);
    }

    @Test
    void comparesBodiesByContent() {
        CupMessage.Builder builder = CupMessage.builder().from(FROM).to(TO).type(7).uniqId(UniqId.of(1));

        CupMessage first = builder.body(new byte[] {1, 2}).build();
        CupMessage second = builder.body(new byte[] {1, 2}).build();

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
        assertThat(first).isNotEqualTo(builder.body(new byte[] {1, 3}).build());
    }

    @Test
    void describesItselfWithoutTheBodyContent() {
        CupMessage message = CupMessage.builder().from(FROM).to(TO).needAck().type(-1).uniqId(UniqId.of(3))
                .body("secret").build();

        assertThat(message).hasToString("CupMessage[flags=NORMAL|NEEDACK, from=10.1.2.3:5000/7/9, to=127.0.0.1:6000, "
                + "type=4294967295, uniqId=3, bodyLength=6]");
    }

    @Test
    void handsOutACopyOfTheHead() {
        byte[] head = CupMessage.head();
        head[0] = 'X';

        assertThat(new String(CupMessage.head(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("CUP012-3");
    }
}
