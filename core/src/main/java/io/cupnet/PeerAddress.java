package io.cupnet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

import io.netty.buffer.ByteBuf;

/**
 * An IPv4 endpoint as CUP012-3 carries it: address, port and two free 16-bit sub-endpoint values.
 *
 * <p>On the wire it is a 128-bit little-endian integer of 16 bytes:
 * <pre>
 * offset size field
 *      0    4 future  u32 LE, low 16 bits used
 *      4    4 stub    u32 LE, low 16 bits used
 *      8    4 port    u32 LE, low 16 bits used
 *     12    4 ipv4    u32 LE of the value of a.b.c.d (10.1.2.3 is 03 02 01 0a)
 * </pre>
 *
 * @param ipv4 the 32-bit value of a.b.c.d, {@code a} in the high byte
 * @param port the TCP port, 0..65535
 * @param stub a sub-endpoint value that travels unchanged, 0..65535
 * @param future a second sub-endpoint value that travels unchanged, 0..65535
 */
public record PeerAddress(int ipv4, int port, int stub, int future) {

    /** The number of bytes an address takes on the wire. */
    public static final int WIRE_LENGTH = 16;

    private static final int MAX_U16 = 0xffff;

    /** 0.0.0.0:0: the address of no node, as the {@code to} of a message sent to a broker topic rather than a peer. */
    public static final PeerAddress NONE = new PeerAddress(0, 0, 0, 0);

    /** Validates that port, stub and future fit in 16 bits. */
    public PeerAddress {
        requireU16("port", port);
        requireU16("stub", stub);
        requireU16("future", future);
    }

    /** The address of dotted IPv4 literal {@code ip} and {@code port}, with stub and future 0; never looks up DNS. */
    public static PeerAddress of(String ip, int port) {
        return new PeerAddress(parseIpv4(ip), port, 0, 0);
    }

    /** The IPv4 address and port of {@code address}, which must be resolved to an IPv4 address. */
    public static PeerAddress of(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        InetAddress inet = address.getAddress();
        if (!(inet instanceof Inet4Address)) {
            throw new IllegalArgumentException("'" + address + "' is not a resolved IPv4 address; CUP012-3 carries only IPv4");
        }
        return new PeerAddress(ipv4Value(inet.getAddress()), address.getPort(), 0, 0);
    }

    /**
     * Parses {@code "ip:port"} or {@code "ip:port/stub/future"}, the forms that {@link #toString()} writes,
     * such as {@code "127.0.0.1:7200"}.
     */
    public static PeerAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.split("/", -1);
        if (parts.length != 1 && parts.length != 3) {
            throw new IllegalArgumentException("'" + text + "' is not ip:port or ip:port/stub/future");
        }
        int colon = parts[0].lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + text + "' has no port; expected ip:port such as 127.0.0.1:7200");
        }
        int ipv4 = parseIpv4(parts[0].substring(0, colon));
        int port = parseU16("port", parts[0].substring(colon + 1), text);
        if (parts.length == 1) {
            return new PeerAddress(ipv4, port, 0, 0);
        }
        return new PeerAddress(ipv4, port, parseU16("stub", parts[1], text), parseU16("future", parts[2], text));
    }

    /** Reads the 16-byte wire form at the reader index of {@code in}, advancing it. */
    public static PeerAddress read(ByteBuf in) {
        int future = in.readIntLE() & MAX_U16;
        int stub = in.readIntLE() & MAX_U16;
        int port = in.readIntLE() & MAX_U16;
        int ipv4 = in.readIntLE();
        return new PeerAddress(ipv4, port, stub, future);
    }

    /**
     * Reads the 16-byte wire form like {@link #read(ByteBuf)}, but returns {@code previous}
     * rather than a new address when the bytes encode it, as they do frame after frame on
     * one connection.
     */
    public static PeerAddress read(ByteBuf in, PeerAddress previous) {
        if (previous != null && previous.isWrittenAt(in, in.readerIndex())) {
            in.skipBytes(WIRE_LENGTH);
            return previous;
        }
        return read(in);
    }

    private boolean isWrittenAt(ByteBuf in, int index) {
        return in.getIntLE(index) == future && in.getIntLE(index + 4) == stub && in.getIntLE(index + 8) == port
                && in.getIntLE(index + 12) == ipv4;
    }

    /** Writes the 16-byte wire form to {@code out}. */
    public void write(ByteBuf out) {
        out.writeLongLE((future & 0xffffffffL) | ((long) stub << 32));
        out.writeLongLE((port & 0xffffffffL) | ((long) ipv4 << 32));
    }

    /** This address with the given sub-endpoint values. */
    public PeerAddress withSubEndpoint(int stub, int future) {
        return new PeerAddress(ipv4, port, stub, future);
    }

    /** The dotted form of the IPv4 address, such as {@code "10.1.2.3"}. */
    public String ip() {
        return (ipv4 >>> 24) + "." + ((ipv4 >>> 16) & 0xff) + "." + ((ipv4 >>> 8) & 0xff) + "." + (ipv4 & 0xff);
    }

    /** The socket address of ip and port, built from the four address bytes without any DNS lookup. */
    public InetSocketAddress toSocketAddress() {
        byte[] bytes = {(byte) (ipv4 >>> 24), (byte) (ipv4 >>> 16), (byte) (ipv4 >>> 8), (byte) ipv4};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("4 address bytes were rejected", impossible);
        }
    }

    /** Whether {@code other} has the same ip and port, whatever the stub and future. */
    public boolean sameEndpoint(PeerAddress other) {
        return other != null && ipv4 == other.ipv4 && port == other.port;
    }

    /** A unique number for ip and port, {@code (ipv4 << 16) | port}, to key maps by endpoint. */
    public long endpointKey() {
        return ((ipv4 & 0xffffffffL) << 16) | port;
    }

    /** Whether the address is 0.0.0.0. */
    public boolean isWildcard() {
        return ipv4 == 0;
    }

    /** {@code "ip:port"}, or {@code "ip:port/stub/future"} when stub or future is set. */
    @Override
    public String toString() {
        String endpoint = ip() + ":" + port;
        return stub == 0 && future == 0 ? endpoint : endpoint + "/" + stub + "/" + future;
    }

    private static int parseIpv4(String ip) {
        Objects.requireNonNull(ip, "ip");
        String[] octets = ip.split("\\.", -1);
        if (octets.length != 4) {
            throw notIpv4(ip);
        }
        int value = 0;
        for (String octet : octets) {
            value = (value << 8) | parseOctet(octet, ip);
        }
        return value;
    }

    private static int parseOctet(String octet, String ip) {
        if (octet.isEmpty() || octet.length() > 3 || !isDigits(octet)) {
            throw notIpv4(ip);
        }
        int value = Integer.parseInt(octet);
        if (value > 0xff) {
            throw notIpv4(ip);
        }
        return value;
    }

    private static int parseU16(String field, String digits, String text) {
        if (digits.isEmpty() || digits.length() > 5 || !isDigits(digits)) {
            throw new IllegalArgumentException("The " + field + " '" + digits + "' in '" + text + "' is not a number in 0..65535");
        }
        int value = Integer.parseInt(digits);
        requireU16(field, value);
        return value;
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException notIpv4(String ip) {
        return new IllegalArgumentException("'" + ip + "' is not an IPv4 address; CUP012-3 carries only IPv4");
    }

    private static int ipv4Value(byte[] bytes) {
        return ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
    }

    private static void requireU16(String field, int value) {
        if (value < 0 || value > MAX_U16) {
            throw new IllegalArgumentException("The " + field + " " + value + " is outside 0..65535");
        }
    }
}
