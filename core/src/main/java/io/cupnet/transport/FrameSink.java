package io.cupnet.transport;

import java.util.List;

import io.cupnet.wire.CupMessage;

/**
 * Receives the frames decoded on any connection, on that connection's I/O thread.
 */
interface FrameSink {

    /** Takes an ack frame as soon as it is decoded; must not block. */
    void onAck(CupMessage ack);

    /**
     * Takes the other frames of one read, in arrival order; must not block. The list is
     * the caller's: the sink may reorder it and must not keep it.
     */
    void onFrames(List<CupMessage> frames);

}
