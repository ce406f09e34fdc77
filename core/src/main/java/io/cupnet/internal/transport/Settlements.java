package io.cupnet.internal.transport;

import io.cupnet.DeliveryException;
import io.cupnet.internal.ack.PendingAck;

/**
 * Where a peer connection settles the frames that have no plain future of their own to
 * complete: need-ack messages go through the ack tracker, acks are counted out of flight.
 */
public interface Settlements {

    /** Fails a need-ack message through the ack tracker, so that it completes once. */
    void failPending(PendingAck pending, DeliveryException cause);

    /** Reports acks that were written or given up. */
    void acksSettled(int count);

}
