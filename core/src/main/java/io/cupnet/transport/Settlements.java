package io.cupnet.transport;

import io.cupnet.ack.DeliveryException;
import io.cupnet.ack.PendingAck;

/**
 * Where a peer connection settles the frames that have no plain future of their own to
 * complete: need-ack messages go through the ack tracker, acks are counted out of flight.
 */
interface Settlements {

    /** Fails a need-ack message through the ack tracker, so that it completes once. */
    void failPending(PendingAck pending, DeliveryException cause);

    /** Reports acks that were written or given up. */
    void acksSettled(int count);

}
