package io.cupnet;

import java.math.BigInteger;
import java.util.Objects;

import io.netty.buffer.ByteBuf;

/**
 * The unsigned 128-bit id of a CUP012-3 message, which an acknowledgement repeats.
 *
 * <p>On the wire it takes 16 bytes, little-endian: the low 64 bits, then the high 64 bits.
 *
 * @param high the upper 64 bits, unsigned
 * @param low the lower 64 bits, unsigned
 */
public record UniqId(long high, long low) implements Comparable<UniqId> {

    /** The number of bytes an id takes on the wire. */
    public static final int WIRE_LENGTH = 16;

    private static final int MAX_BITS = 128;

    /** The id whose value is the unsigned {@code low}. */
    public static UniqId of(long low) {
        return new UniqId(0, low);
    }

    /** Parses an unsigned decimal in 0..2^128-1, as the golden vectors and Python CUP print ids. */
    public static UniqId parse(String decimal) {
        Objects.requireNonNull(decimal, "decimal");
        if (decimal.isEmpty() || !decimal.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Uniq id '" + decimal + "' is not an unsigned decimal number");
        }
        BigInteger value = new BigInteger(decimal);
        if (value.bitLength() > MAX_BITS) {
            throw new IllegalArgumentException("Uniq id " + decimal + " exceeds maximum 2^128-1");
        }
        return new UniqId(value.shiftRight(Long.SIZE).longValue(), value.longValue());
    }

    /** Reads the 16-byte wire form at the reader index of {@code in}, advancing it. */
    public static UniqId read(ByteBuf in) {
        long low = in.readLongLE();
        long high = in.readLongLE();
        return new UniqId(high, low);
    }

    /** Writes the 16-byte wire form to {@code out}. */
    public void write(ByteBuf out) {
        out.writeLongLE(low);
        out.writeLongLE(high);
    }

    /** The unsigned value. */
    public BigInteger toBigInteger() {
        return unsigned(high).shiftLeft(Long.SIZE).or(unsigned(low));
    }

    /** Compares the unsigned values. */
    @Override
    public int compareTo(UniqId other) {
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    /** The unsigned decimal value. */
    @Override
    public String toString() {
        return high == 0 ? Long.toUnsignedString(low) : toBigInteger().toString();
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }
}
