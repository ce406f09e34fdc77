package io.cupnet.ack;

import io.cupnet.wire.PeerAddress;
import io.cupnet.wire.UniqId;

/**
 * Identity of a need-ack message: the peer's ip and port with the message's uniq id
 * (stub and future take no part, as in CUP).
 */
public record AckKey(long endpoint, UniqId uniqId) {

    /** The key of a message sent to {@code to}, or of an ack or frame received from it. */
    public static AckKey of(PeerAddress peer, UniqId uniqId) {
        return new AckKey(peer.endpointKey(), uniqId);
    }

}
