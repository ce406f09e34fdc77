package io.cupnet.internal.transport;

import java.util.List;

import io.cupnet.CupMessage;

/**
 * Receives the frames decoded on any connection, on that connection's I/O thread.
 */
public interface FrameSink {

    /**
     * Takes ack frames in arrival order, at most one read's at a time and before the other frames
     * read with them; must not block. The list is the caller's and must not be kept.
     */
    void onAcks(List<CupMessage> acks);

    /**
     * Takes the other frames of one read, in arrival order; must not block. The list is
     * the caller's: the sink may reorder it and must not keep it.
     */
    void onFrames(List<CupMessage> frames);

}
