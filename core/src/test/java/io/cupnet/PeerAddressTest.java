package io.cupnet;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PeerAddressTest {

    @Test
    void roundTripsExtremeValuesThroughItsWireForm() {
        PeerAddress address = PeerAddress.of("192.168.255.254", 65535).withSubEndpoint(65535, 65535);

        assertThat(readBack(address)).isEqualTo(address);
    }

    @Test
    void writesTheLayoutOfTheWireFormat() {
        PeerAddress address = PeerAddress.of("10.1.2.3", 5000).withSubEndpoint(7, 9);
        ByteBuf out = Unpooled.buffer();
        try {
            address.write(out);
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo("09000000" + "07000000" + "88130000" + "0302010a");
        } finally {
            out.release();
        }
    }

    @Test
    void readsOnlyTheLow16BitsOfPortStubAndFuture() {
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("09000100" + "07000200" + "88130300" + "0302010a"));
        try {
            assertThat(PeerAddress.read(in)).isEqualTo(new PeerAddress(0x0a010203, 5000, 7, 9));
        } finally {
            in.release();
        }
    }

    @Test
    void keepsTheFirstOctetInTheHighByte() {
        PeerAddress address = PeerAddress.of("255.0.0.1", 80);

        assertThat(address.ipv4()).isEqualTo(0xff000001);
        assertThat(address.ip()).isEqualTo("255.0.0.1");
        assertThat(address.endpointKey()).isEqualTo(0xff000001L << 16 | 80);
    }

    @Test
    void parsesTheFormsThatToStringWrites() {
        PeerAddress plain = PeerAddress.parse("127.0.0.1:7200");
        PeerAddress sub = plain.withSubEndpoint(3, 4);

        assertThat(plain).isEqualTo(PeerAddress.of("127.0.0.1", 7200));
        assertThat(plain).hasToString("127.0.0.1:7200");
        assertThat(sub).hasToString("127.0.0.1:7200/3/4");
        assertThat(PeerAddress.parse(sub.toString())).isEqualTo(sub);
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "-1.2.3.4", "+1.2.3.4", "1.2.3.4 "})
    void rejectsAnythingButADottedIpv4Literal(String ip) {
        assertThatIllegalArgumentException().isThrownBy(() -> PeerAddress.of(ip, 1))
                .withMessage("'" + ip + "' is not an IPv4 address; CUP012-3 carries only IPv4");
    }

    @Test
    void rejectsAPortOutside16Bits() {
        assertThatIllegalArgumentException().isThrownBy(() -> PeerAddress.of("1.2.3.4", 65536))
                .withMessage("The port 65536 is outside 0..65535");
        assertThatIllegalArgumentException().isThrownBy(() -> new PeerAddress(0, 1, -1, 0))
                .withMessage("The stub -1 is outside 0..65535");
        assertThatIllegalArgumentException().isThrownBy(() -> new PeerAddress(0, 1, 0, 70000))
                .withMessage("The future 70000 is outside 0..65535");
    }

    @Test
    void rejectsMalformedHostAndPort() {
        assertThatIllegalArgumentException().isThrownBy(() -> PeerAddress.parse("127.0.0.1"))
                .withMessageContaining("has no port");
        assertThatIllegalArgumentException().isThrownBy(() -> PeerAddress.parse("127.0.0.1:99999"))
                .withMessage("The port 99999 is outside 0..65535");
        assertThatIllegalArgumentException().isThrownBy(() -> PeerAddress.parse("127.0.0.1:http"))
                .withMessage("The port 'http' in '127.0.0.1:http' is not a number in 0..65535");
        assertThatIllegalArgumentException().isThrownBy(() -> PeerAddress.parse("[::1]:7200"))
                .withMessage("'[::1]' is not an IPv4 address; CUP012-3 carries only IPv4");
        assertThatIllegalArgumentException().isThrownBy(() -> PeerAddress.parse("1.2.3.4:5/6"))
                .withMessageContaining("is not ip:port or ip:port/stub/future");
    }

    @Test
    void convertsToAndFromSocketAddressesWithoutLookingUpNames() {
        PeerAddress address = PeerAddress.of("10.1.2.3", 5000).withSubEndpoint(7, 9);

        InetSocketAddress socket = address.toSocketAddress();

        assertThat(socket.getAddress().getHostAddress()).isEqualTo("10.1.2.3");
        assertThat(socket.getPort()).isEqualTo(5000);
        assertThat(PeerAddress.of(socket)).isEqualTo(PeerAddress.of("10.1.2.3", 5000));
    }

    @Test
    void rejectsSocketAddressesThatAreNotResolvedIpv4() {
        assertThatIllegalArgumentException().isThrownBy(() -> PeerAddress.of(InetSocketAddress.createUnresolved("example.invalid", 1)))
                .withMessageContaining("CUP012-3 carries only IPv4");
        assertThatIllegalArgumentException().isThrownBy(() -> PeerAddress.of(new InetSocketAddress("::1", 1)))
                .withMessageContaining("CUP012-3 carries only IPv4");
    }

    @Test
    void comparesEndpointsWithoutSubEndpoints() {
        PeerAddress address = PeerAddress.of("10.1.2.3", 5000);

        assertThat(address.sameEndpoint(address.withSubEndpoint(1, 2))).isTrue();
        assertThat(address.sameEndpoint(PeerAddress.of("10.1.2.3", 5001))).isFalse();
        assertThat(address.sameEndpoint(null)).isFalse();
        assertThat(address.endpointKey()).isEqualTo(address.withSubEndpoint(1, 2).endpointKey())
                .isNotEqualTo(PeerAddress.of("10.1.2.4", 5000).endpointKey());
    }

    @Test
    void recognisesTheWildcardAddress() {
        assertThat(PeerAddress.of("0.0.0.0", 7200).isWildcard()).isTrue();
        assertThat(PeerAddress.of("127.0.0.1", 7200).isWildcard()).isFalse();
    }

    private static PeerAddress readBack(PeerAddress address) {
        ByteBuf buf = Unpooled.buffer();
        try {
            address.write(buf);
            assertThat(buf.readableBytes()).isEqualTo(PeerAddress.WIRE_LENGTH);
            return PeerAddress.read(buf);
        } finally {
            buf.release();
        }
    }
}
