package io.cupnet.internal.ack;

import io.cupnet.CupMessage;

/**
 * Identity of a need-ack message in the ack tracker's map: the peer's ip and port with the
 * message's uniq id (stub and future take no part, as in CUP), kept as three longs.
 */
public record AckKey(long endpoint, long uniqIdHigh, long uniqIdLow) {

    /** The key of an ack received from a peer, answering the message sent to it: its {@code from} with its uniq id. */
    public static AckKey received(CupMessage message) {
        return new AckKey(message.from().endpointKey(), message.uniqIdHigh(), message.uniqIdLow());
    }

}
