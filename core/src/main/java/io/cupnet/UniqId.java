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

    private static final int MAX_DIGITS = 39;

    private static final long LIMB_MASK = 0xFFFF_FFFFL;

    private static final int BILLION = 1_000_000_000;

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
        long[] limbs = new long[4];
        for (int i = 0; i < decimal.length(); i++) {
            long carry = decimal.charAt(i) - '0';
            for (int limb = 3; limb >= 0; limb--) {
                long product = limbs[limb] * 10 + carry;
                limbs[limb] = product & LIMB_MASK;
                carry = product >>> Integer.SIZE;
            }
            if (carry != 0) {
                throw new IllegalArgumentException("Uniq id " + decimal + " exceeds maximum 2^128-1");
            }
        }
        return new UniqId(limbs[0] << Integer.SIZE | limbs[1], limbs[2] << Integer.SIZE | limbs[3]);
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
        if (high == 0) {
            return Long.toUnsignedString(low);
        }
        long[] limbs = { high >>> Integer.SIZE, high & LIMB_MASK, low >>> Integer.SIZE, low & LIMB_MASK };
        int[] chunks = new int[(MAX_DIGITS + 8) / 9];
        int count = 0;
        while (limbs[0] != 0 || limbs[1] != 0 || limbs[2] != 0 || limbs[3] != 0) {
            chunks[count++] = divideByBillion(limbs);
        }
        StringBuilder text = new StringBuilder(MAX_DIGITS).append(chunks[count - 1]);
        for (int i = count - 2; i >= 0; i--) {
            String chunk = Integer.toString(chunks[i]);
            text.append("000000000", chunk.length(), 9).append(chunk);
        }
        return text.toString();
    }

    /** Divides the 32-bit limbs, most significant first, by 10^9 in place; returns the remainder. */
    private static int divideByBillion(long[] limbs) {
        long remainder = 0;
        for (int i = 0; i < limbs.length; i++) {
            long dividend = remainder << Integer.SIZE | limbs[i];
            limbs[i] = dividend / BILLION;
            remainder = dividend % BILLION;
        }
        return (int) remainder;
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }
}
