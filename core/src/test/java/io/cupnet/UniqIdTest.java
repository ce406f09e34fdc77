package io.cupnet;

import java.math.BigInteger;
import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UniqIdTest {

    private static final String MAX = "340282366920938463463374607431768211455";

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "18446744073709551615", "18446744073709551616", MAX})
    void roundTripsThroughDecimalAndWireForm(String decimal) {
        UniqId id = UniqId.parse(decimal);

        assertThat(id).hasToString(decimal);
        assertThat(id.toBigInteger()).isEqualTo(new BigInteger(decimal));
        assertThat(readBack(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000000000000000000000000000000000000", "100000000000000000000000000000000000000",
            "18446744073709551616000000000", "99999999999999999999999999999999999999", "00018446744073709551616"})
    void printsAndParsesTheDecimalDigitsAsBigIntegerDoes(String decimal) {
        BigInteger value = new BigInteger(decimal);

        assertThat(UniqId.parse(decimal).toBigInteger()).isEqualTo(value);
        assertThat(UniqId.parse(decimal)).hasToString(value.toString());
    }

    @Test
    void agreesWithBigIntegerOnManyRandomIds() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            UniqId id = new UniqId(random.nextLong() >>> random.nextInt(64), random.nextLong());
            String decimal = id.toBigInteger().toString();

            assertThat(id).hasToString(decimal);
            assertThat(UniqId.parse(decimal)).isEqualTo(id);
        }
    }

    @Test
    void writesTheLowHalfFirstLittleEndian() {
        UniqId id = UniqId.parse("1512366075204170947332355369683137040");
        ByteBuf out = Unpooled.buffer();
        try {
            id.write(out);
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo("1032547698badcfeefcdab8967452301");
        } finally {
            out.release();
        }
        assertThat(id).isEqualTo(new UniqId(0x0123456789abcdefL, 0xfedcba9876543210L));
    }

    @Test
    void holdsTwoTo128MinusOneInAllBits() {
        assertThat(UniqId.parse(MAX)).isEqualTo(new UniqId(-1, -1));
        assertThat(UniqId.parse("18446744073709551616")).isEqualTo(new UniqId(1, 0));
        assertThat(UniqId.of(-1)).hasToString("18446744073709551615");
    }

    @Test
    void comparesAsUnsigned() {
        assertThat(UniqId.of(-1)).isGreaterThan(UniqId.of(1));
        assertThat(new UniqId(-1, 0)).isGreaterThan(new UniqId(1, -1));
        assertThat(UniqId.of(5)).isEqualByComparingTo(UniqId.of(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", "1e3", "0x10", " 1", "340282366920938463463374607431768211456"})
    void rejectsWhatIsNotAnUnsigned128BitDecimal(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> UniqId.parse(text)).withMessageContaining(text);
    }

    @Test
    void namesTheLimitWhenTheValueIsTooLarge() {
        assertThatIllegalArgumentException().isThrownBy(() -> UniqId.parse("340282366920938463463374607431768211456"))
                .withMessage("Uniq id 340282366920938463463374607431768211456 exceeds maximum 2^128-1");
    }

    private static UniqId readBack(UniqId id) {
        ByteBuf buf = Unpooled.buffer();
        try {
            id.write(buf);
            assertThat(buf.readableBytes()).isEqualTo(UniqId.WIRE_LENGTH);
            return UniqId.read(buf);
        } finally {
            buf.release();
        }
    }
}
