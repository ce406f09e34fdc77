package io.cupnet.support;

import io.cupnet.CupMessage;
import io.cupnet.MessageFlags;
import io.cupnet.MessageTypes;
import io.cupnet.PeerAddress;
import io.cupnet.UniqId;

/**
 * Ack frames as a peer sends them, for the ack tests.
 */
public final class AckFrames {

    private AckFrames() {
    }

    /** The ack that {@code from} sends to {@code to} for the message with {@code uniqId}. */
    public static CupMessage ack(PeerAddress from, PeerAddress to, UniqId uniqId) {
        return CupMessage.builder()
            .flags(MessageFlags.NORMAL | MessageFlags.ACK)
            .from(from)
            .to(to)
            .type(MessageTypes.ACK_OK)
            .uniqId(uniqId)
            .body("0")
            .build();
    }

}
