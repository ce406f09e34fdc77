package io.cupnet.ack;

import io.cupnet.wire.CupMessage;
import io.cupnet.wire.MessageFlags;
import io.cupnet.wire.MessageTypes;
import io.cupnet.wire.PeerAddress;
import io.cupnet.wire.UniqId;

/**
 * Ack frames as a peer sends them, for the ack tests.
 */
final class AckFrames {

    private AckFrames() {
    }

    /** The ack that {@code from} sends to {@code to} for the message with {@code uniqId}. */
    static CupMessage ack(PeerAddress from, PeerAddress to, UniqId uniqId) {
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
