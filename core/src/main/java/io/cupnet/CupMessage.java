package io.cupnet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import io.cupnet.internal.wire.CupWire;


/**
 * One immutable CUP012-3 message: the fields of one frame and its body.
 *
 * <p>{@code from} and {@code uniqId} may be null until the transport fills them in before sending.
 * The body array is not copied: whoever passes it in must not modify it afterwards, and whoever reads
 * it through {@link #body()} must not modify it either.
 */
public final class CupMessage {

    /** The length of the fixed header that every frame has, without the head. */
    public static final int HEADER_LENGTH = 64;

    /** The length of the head that opens the first frame of a connection. */
    public static final int HEAD_LENGTH = 8;

    private static final byte[] EMPTY = new byte[0];
    private static final int MAX_BODY_LENGTH = Integer.MAX_VALUE - HEADER_LENGTH - HEAD_LENGTH;

    private final int flags;
    private final PeerAddress from;
    private final PeerAddress to;
    private final int type;
    private final boolean hasUniqId;
    private final long uniqIdHigh;
    private final long uniqIdLow;
    private final byte[] body;
    private final PeerIdentity peerIdentity;
    /** The id as an object, made on first use: a decoded frame carries only the two longs. */
    private UniqId uniqId;

    CupMessage(int flags, PeerAddress from, PeerAddress to, int type, UniqId uniqId, byte[] body) {
        this(flags, from, to, type, uniqId, body, null);
    }

    private CupMessage(int flags, PeerAddress from, PeerAddress to, int type, UniqId uniqId, byte[] body,
            PeerIdentity peerIdentity) {
        this(flags, from, to, type, uniqId != null, (uniqId != null) ? uniqId.high() : 0,
                (uniqId != null) ? uniqId.low() : 0, body, peerIdentity);
        this.uniqId = uniqId;
    }

    /** A message whose id, when {@code hasUniqId}, is the two longs. */
    private CupMessage(int flags, PeerAddress from, PeerAddress to, int type, boolean hasUniqId, long uniqIdHigh,
            long uniqIdLow, byte[] body) {
        this(flags, from, to, type, hasUniqId, uniqIdHigh, uniqIdLow, body, null);
    }

    private CupMessage(int flags, PeerAddress from, PeerAddress to, int type, boolean hasUniqId, long uniqIdHigh,
            long uniqIdLow, byte[] body, PeerIdentity peerIdentity) {
        this.flags = flags;
        this.from = from;
        this.to = Objects.requireNonNull(to, "to");
        this.type = type;
        this.hasUniqId = hasUniqId;
        this.uniqIdHigh = uniqIdHigh;
        this.uniqIdLow = uniqIdLow;
        this.body = Objects.requireNonNull(body, "body");
        this.peerIdentity = peerIdentity;
        if (body.length > MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("Body length " + body.length + " exceeds maximum " + MAX_BODY_LENGTH);
        }
    }

    /**
     * A message with the fields of a decoded frame, which always carries a uniq id: the wire
     * codec's factory.
     */
    public static CupMessage decoded(int flags, PeerAddress from, PeerAddress to, int type, long uniqIdHigh,
            long uniqIdLow, byte[] body) {
        return new CupMessage(flags, from, to, type, true, uniqIdHigh, uniqIdLow, body);
    }

    /** A builder whose flags default to {@link MessageFlags#NORMAL} and whose body defaults to empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of the head that opens the first frame of a connection, ASCII {@code "CUP012-3"}. */
    public static byte[] head() {
        return CupWire.HEAD.clone();
    }

    /** The flag bits, see {@link MessageFlags}. */
    public int flags() {
        return flags;
    }

    /** The sender's address, or null while the transport has not filled it in. */
    public PeerAddress from() {
        return from;
    }

    /** The receiver's address. */
    public PeerAddress to() {
        return to;
    }

    /** The message type, an unsigned 32-bit value carried in an int; see {@link MessageTypes}. */
    public int type() {
        return type;
    }

    /** Whether the message has a uniq id, without building the {@link UniqId} object. */
    public boolean hasUniqId() {
        return hasUniqId;
    }

    /** The message id, or null while the transport has not filled it in. */
    public UniqId uniqId() {
        UniqId id = uniqId;
        if (id == null && hasUniqId) {
            id = new UniqId(uniqIdHigh, uniqIdLow);
            uniqId = id;
        }
        return id;
    }

    /** The high 64 bits of the uniq id (0 without one), read without creating a {@link UniqId}. */
    public long uniqIdHigh() {
        return uniqIdHigh;
    }

    /** The low 64 bits of the uniq id (0 without one), read without creating a {@link UniqId}. */
    public long uniqIdLow() {
        return uniqIdLow;
    }

    /** The body itself, not a copy: do not modify it. */
    public byte[] body() {
        return body;
    }

    /** The number of body bytes. */
    public int bodyLength() {
        return body.length;
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The identity the sender proved in the TLS handshake of the connection this frame arrived on,
     * or {@code null}: always for plaintext peers, for frames built locally, and for TLS peers
     * that presented no certificate. Unlike {@link #from()}, which is the sender's claim, this was
     * verified against this node's trust material. Not a wire field: not part of {@code equals}.
     */
    public PeerIdentity peerIdentity() {
        return peerIdentity;
    }

    /** Whether the {@link MessageFlags#URGENT} bit is set. */
    public boolean isUrgent() {
        return MessageFlags.isUrgent(flags);
    }

    /** Whether the {@link MessageFlags#NEEDACK} bit is set. */
    public boolean needsAck() {
        return MessageFlags.needsAck(flags);
    }

    /** Whether the {@link MessageFlags#ACK} bit is set. */
    public boolean isAck() {
        return MessageFlags.isAck(flags);
    }

    /** The number of bytes this message takes on the wire: header and body, plus the head when {@code withHead}. */
    public int frameLength(boolean withHead) {
        return (withHead ? HEAD_LENGTH : 0) + HEADER_LENGTH + body.length;
    }

    /** This message with sender {@code from}; the body is shared. */
    public CupMessage withFrom(PeerAddress from) {
        return new CupMessage(flags, from, to, type, uniqId(), body, peerIdentity);
    }

    /** This message with id {@code uniqId}; the body is shared. */
    public CupMessage withUniqId(UniqId uniqId) {
        return new CupMessage(flags, from, to, type, uniqId, body, peerIdentity);
    }

    /** A copy with both the sender's address and the id set, as a transport completes a message before sending. */
    public CupMessage withOrigin(PeerAddress from, UniqId uniqId) {
        return new CupMessage(flags, from, to, type, uniqId, body, peerIdentity);
    }

    /** The frame that acknowledges this need-ack frame as CUP writes it: FLAG_NORMAL | FLAG_ACK, ACK_OK, body "0". */
    public CupMessage ackFrame() {
        return reply(CupWire.ACK_FLAGS, MessageTypes.ACK_OK, CupWire.ACK_BODY);
    }

    /** A message back to this one's sender, with the same uniq id: {@code from} and {@code to} swapped, as an ack is. */
    public CupMessage reply(int flags, int type, byte[] body) {
        return new CupMessage(flags, to, from, type, hasUniqId, uniqIdHigh, uniqIdLow, body, null);
    }

    /** This message with flag bits {@code flags}; the body is shared. */
    public CupMessage withFlags(int flags) {
        return new CupMessage(flags, from, to, type, uniqId(), body, peerIdentity);
    }

    /** This message as received from a peer that proved {@code peerIdentity}; the body and id are shared. */
    public CupMessage withPeerIdentity(PeerIdentity peerIdentity) {
        return new CupMessage(flags, from, to, type, hasUniqId, uniqIdHigh, uniqIdLow, body, peerIdentity);
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof CupMessage message
                && flags == message.flags
                && type == message.type
                && Objects.equals(from, message.from)
                && to.equals(message.to)
                && hasUniqId == message.hasUniqId
                && uniqIdHigh == message.uniqIdHigh
                && uniqIdLow == message.uniqIdLow
                && Arrays.equals(body, message.body);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(flags, from, to, type, uniqId()) + Arrays.hashCode(body);
    }

    /** Describes the header fields and the body length, never the body content. */
    @Override
    public String toString() {
        return "CupMessage[flags=" + MessageFlags.describe(flags) + ", from=" + from + ", to=" + to
                + ", type=" + Integer.toUnsignedString(type) + ", uniqId=" + uniqId()
                + ", bodyLength=" + body.length + "]";
    }

    /** Builds a {@link CupMessage}; {@code to} is required. */
    public static final class Builder {

        private int flags = MessageFlags.NORMAL;
        private PeerAddress from;
        private PeerAddress to;
        private int type;
        private UniqId uniqId;
        private byte[] body = EMPTY;

        private Builder() {
        }

        /** Sets all flag bits, replacing the default {@link MessageFlags#NORMAL}. */
        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /** Sets {@link MessageFlags#URGENT} and clears {@link MessageFlags#NORMAL}, as CUP heartbeats carry flag 1 alone. */
        public Builder urgent() {
            this.flags = (flags | MessageFlags.URGENT) & ~MessageFlags.NORMAL;
            return this;
        }

        /** Adds {@link MessageFlags#NEEDACK}. */
        public Builder needAck() {
            this.flags |= MessageFlags.NEEDACK;
            return this;
        }

        /** Sets the sender's address; the transport fills it in when left null. */
        public Builder from(PeerAddress from) {
            this.from = from;
            return this;
        }

        /** Sets the receiver's address. */
        public Builder to(PeerAddress to) {
            this.to = to;
            return this;
        }

        /** Sets the message type, an unsigned 32-bit value. */
        public Builder type(int type) {
            this.type = type;
            return this;
        }

        /** Sets the message id; the transport fills it in when left null. */
        public Builder uniqId(UniqId uniqId) {
            this.uniqId = uniqId;
            return this;
        }

        /** Sets the body without copying it: do not modify the array afterwards. */
        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /** Sets the body to the UTF-8 bytes of {@code text}. */
        public Builder body(String text) {
            this.body = Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Builds the message. */
        public CupMessage build() {
            if (to == null) {
                throw new IllegalStateException("A CupMessage needs a 'to' address; call to(PeerAddress) before build()");
            }
            return new CupMessage(flags, from, to, type, uniqId, body);
        }
    }
}
