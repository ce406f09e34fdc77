package io.cupnet.internal.wire;

import java.nio.charset.StandardCharsets;

import io.cupnet.MessageFlags;

/** The constant bytes of the CUP012-3 wire format that the codec and {@link io.cupnet.CupMessage} share. */
public final class CupWire {

    /** The head bytes, ASCII {@code "CUP012-3"}, that open the first frame of a connection; never modified. */
    public static final byte[] HEAD = "CUP012-3".getBytes(StandardCharsets.US_ASCII);

    /** The body CUP's acks carry, {@code "0"}: one array for every ack, as bodies are never modified. */
    public static final byte[] ACK_BODY = { '0' };

    /** The flags of CUP's acks. */
    public static final int ACK_FLAGS = MessageFlags.NORMAL | MessageFlags.ACK;

    private CupWire() {
    }

}
