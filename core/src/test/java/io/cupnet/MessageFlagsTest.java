package io.cupnet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageFlagsTest {

    @Test
    void describesKnownBitsByNameAndUnknownBitsInHex() {
        assertThat(MessageFlags.describe(6)).isEqualTo("NORMAL|NEEDACK");
        assertThat(MessageFlags.describe(10)).isEqualTo("NORMAL|ACK");
        assertThat(MessageFlags.describe(1)).isEqualTo("URGENT");
        assertThat(MessageFlags.describe(0x32)).isEqualTo("NORMAL|0x30");
        assertThat(MessageFlags.describe(0)).isEqualTo("0x0");
        assertThat(MessageFlags.describe(0x80000000)).isEqualTo("0x80000000");
    }

    @Test
    void testsSingleBits() {
        assertThat(MessageFlags.isUrgent(1)).isTrue();
        assertThat(MessageFlags.isUrgent(2)).isFalse();
        assertThat(MessageFlags.needsAck(6)).isTrue();
        assertThat(MessageFlags.needsAck(10)).isFalse();
        assertThat(MessageFlags.isAck(10)).isTrue();
        assertThat(MessageFlags.isAck(6)).isFalse();
    }
}
