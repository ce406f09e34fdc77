package io.cupnet.ack;

import io.cupnet.wire.CupMessage;
import io.cupnet.wire.PeerAddress;
import io.cupnet.wire.UniqId;

/**
 * Identity of a need-ack message: the peer's ip and port with the message's uniq id
 * (stub and future take no part, as in CUP), kept as three longs.
 */
public record AckKey(long endpoint, long uniqIdHigh, long uniqIdLow) {

    /** The key of a message sent to {@code to}, or of an ack or frame received from it. */
    public static AckKey of(PeerAddress peer, UniqId uniqId) {
        return new AckKey(peer.endpointKey(), uniqId.high(), uniqId.low());
    }

    /** The key of a need-ack message this node sends: its {@code to} with its uniq id. */
    public static AckKey sent(CupMessage message) {
        return new AckKey(message.to().endpointKey(), message.uniqIdHigh(), message.uniqIdLow());
    }

    /** The key of a frame received from a peer, or of an ack answering a message sent to it: its {@code from} with its uniq id. */
    public static AckKey received(CupMessage message) {
        return new AckKey(message.from().endpointKey(), message.uniqIdHigh(), message.uniqIdLow());
    }

    /** Whether this is the key of {@code message} as {@link #received(CupMessage)} makes it, without making one. */
    public boolean matchesReceived(CupMessage message) {
        return this.uniqIdLow == message.uniqIdLow() && this.uniqIdHigh == message.uniqIdHigh()
                && this.endpoint == message.from().endpointKey();
    }

}
